"""The shared exercise library and education topics, in Danish and English.

Pure data, loaded into the database by education.library.load_library. All texts are written
for the project (no sentences copied from leaflets or articles) and must be reviewed by a
specialised (DUGOF-trained) physiotherapist before release. Bump LIBRARY_VERSION whenever
wording, dosage or suitability changes.

Wording rules: calm, fear-reducing, pain-guided; no phrase that assessments.rules.fear_phrases
flags. The pain rule appears in every exercise: move within what feels fine, a little
short-lived discomfort is all right, ease off if the pain clearly increases and stays.
"""

LIBRARY_VERSION = "2026-11-26"

CATEGORIES = (
    "mobility",
    "strength",
    "load_transfer",
    "breathing_relaxation",
    "resting_position",
    "bed_mobility",
)
REGIONS = ("posterior", "anterior", "general")
KEY_MESSAGES = (
    "stable_pelvis",
    "common_harmless",
    "movement_safe",
    "pacing",
    "sleep_turning",
    "belt_optional",
    "work",
    "training",
    "after_birth",
    "seek_help",
)

# Shared caution for exercises done lying on the back: guided by how she feels, not by a
# trimester rule (the clinical brief gives no source for "not in the third trimester";
# docs/clinical-rules.md, E1).
_SUPINE_CAUTION_EN = (
    "If you feel dizzy or unwell lying on your back, roll onto your side and choose an "
    "exercise lying on your side instead."
)
_SUPINE_CAUTION_DA = (
    "Hvis du bliver svimmel eller føler dig utilpas, når du ligger på ryggen, så rul om på "
    "siden og vælg i stedet en øvelse, hvor du ligger på siden."
)

EXERCISES = [
    # ----------------------------------------------------------------------------- mobility
    {
        "slug": "cat-camel-all-fours",
        "category": "mobility",
        "title_da": "Bækkenvip på alle fire",
        "title_en": "Pelvic tilt on all fours",
        "purpose_da": "Bevæger lænden og bækkenet blidt, hvilket ofte letter stivhed og ømhed "
                      "bag i bækkenet.",
        "purpose_en": "Moves the lower back and pelvis gently, which often eases stiffness and "
                      "aching at the back of the pelvis.",
        "start_position_da": "Kom ned på alle fire på et blødt underlag med hænderne under "
                             "skuldrene og knæene under hofterne.",
        "start_position_en": "Kneel on hands and knees on a soft surface, hands under your "
                             "shoulders and knees under your hips.",
        "instructions_da": [
            "Pust ud, og rund langsomt ryggen, så halebenet ruller ind under dig.",
            "Træk vejret ind, og lad ryggen synke blidt ned i et lille svaj, mens du kigger "
            "lidt frem.",
            "Bevæg dig roligt frem og tilbage i en rytme, der føles behagelig.",
            "Hold dig inden for det, der føles fint: lidt ubehag, der hurtigt går over, er i "
            "orden. Gør bevægelsen mindre, hvis smerten tydeligt øges og bliver ved.",
        ],
        "instructions_en": [
            "Breathe out and slowly round your back, letting your tailbone tuck under.",
            "Breathe in and let your back sink gently into a small hollow as you look slightly "
            "forward.",
            "Move calmly back and forth in a rhythm that feels comfortable.",
            "Stay within what feels fine: a little discomfort that passes quickly is all right. "
            "Make the movement smaller if the pain clearly increases and stays.",
        ],
        "caution_da": "Hvis håndleddene bliver ømme, kan du støtte på underarmene eller på "
                      "knyttede hænder.",
        "caution_en": "If your wrists get sore, lean on your forearms or on your fists instead.",
        "sets": 2,
        "reps": 10,
        "hold_seconds": None,
        "times_per_day": 3,
        "first_trimester": True,
        "second_trimester": True,
        "third_trimester": True,
        "postpartum": True,
        "long_supine": False,
        "regions": ["posterior", "general"],
        "illustration": "cat-camel-all-fours.svg",
    },
    {
        "slug": "pelvic-circles-ball",
        "category": "mobility",
        "title_da": "Bækkencirkler på bold",
        "title_en": "Pelvic circles on a ball",
        "purpose_da": "Holder hofter, lænd og bækken i bevægelse med rolige, rytmiske cirkler, "
                      "mens du sidder.",
        "purpose_en": "Keeps your hips, lower back and pelvis moving with calm, rhythmic "
                      "circles while you sit.",
        "start_position_da": "Sid på en træningsbold med fødderne fladt i gulvet, lidt mere end "
                             "hoftebredde fra hinanden.",
        "start_position_en": "Sit on a gym ball with your feet flat on the floor, a little more "
                             "than hip-width apart.",
        "instructions_da": [
            "Tegn langsomme cirkler med bækkenet, som om du følger kanten af en tallerken under "
            "dig.",
            "Lav nogle cirkler den ene vej, og skift så retning.",
            "Du kan også vippe bækkenet frem og tilbage eller fra side til side.",
            "Gør cirklerne så store, som det føles fint. Bliver smerten tydeligt værre og "
            "bliver ved, så gør dem mindre.",
        ],
        "instructions_en": [
            "Draw slow circles with your pelvis, as if tracing the rim of a plate beneath you.",
            "Do a few circles one way, then change direction.",
            "You can also rock your pelvis forward and back, or from side to side.",
            "Make the circles as big as feels fine. If the pain clearly gets worse and stays, "
            "make them smaller.",
        ],
        "caution_da": "Læg bolden, så du kan nå en væg eller et bord, og brug den, når du føler "
                      "dig sikker på den. En almindelig stol kan også bruges.",
        "caution_en": "Place the ball where you can reach a wall or a table, and use it when you "
                      "feel steady on it. An ordinary chair works too.",
        "sets": 2,
        "reps": 10,
        "hold_seconds": None,
        "times_per_day": 3,
        "first_trimester": True,
        "second_trimester": True,
        "third_trimester": True,
        "postpartum": True,
        "long_supine": False,
        "regions": ["posterior", "general"],
        "illustration": "pelvic-circles-ball.svg",
    },
    {
        "slug": "standing-pelvic-tilt",
        "category": "mobility",
        "title_da": "Bækkenvip stående",
        "title_en": "Standing pelvic tilt",
        "purpose_da": "Giver lænd og bækken lidt bevægelse i løbet af dagen, for eksempel når du "
                      "har stået stille et stykke tid.",
        "purpose_en": "Brings a little movement to your lower back and pelvis during the day, "
                      "for example after standing still for a while.",
        "start_position_da": "Stå med ryggen mod en væg eller hænderne på kanten af køkkenbordet, "
                             "fødderne i hoftebredde og let bøjede knæ.",
        "start_position_en": "Stand with your back against a wall or your hands on a kitchen "
                             "counter, feet hip-width apart and knees slightly soft.",
        "instructions_da": [
            "Vip bækkenet bagud, så lænden nærmer sig væggen.",
            "Vip det derefter fremad, så du får et lille svaj i lænden.",
            "Lad bevægelsen være langsom og let, og træk vejret helt normalt.",
            "Bevæg dig inden for det, der føles fint. Lidt kortvarigt ubehag er i orden; gør "
            "bevægelsen mindre, hvis smerten tydeligt øges og bliver ved.",
        ],
        "instructions_en": [
            "Tip your pelvis back so that your lower back moves towards the wall.",
            "Then tip it forward so that you get a small hollow in your lower back.",
            "Keep the movement slow and easy, and breathe normally.",
            "Move within what feels fine. A little short-lived discomfort is all right; make the "
            "movement smaller if the pain clearly increases and stays.",
        ],
        "caution_da": "",
        "caution_en": "",
        "sets": 2,
        "reps": 10,
        "hold_seconds": None,
        "times_per_day": 3,
        "first_trimester": True,
        "second_trimester": True,
        "third_trimester": True,
        "postpartum": True,
        "long_supine": False,
        "regions": ["general"],
        "illustration": "standing-pelvic-tilt.svg",
    },
    {
        "slug": "seated-seat-stretch",
        "category": "mobility",
        "title_da": "Blid strækning af sædemusklen",
        "title_en": "Gentle seat muscle stretch",
        "purpose_da": "Giver en behagelig strækning i sædemusklen og omkring hoften, som ofte "
                      "føles godt ved smerter bag i bækkenet.",
        "purpose_en": "Gives a pleasant stretch in the buttock and around the hip, which often "
                      "feels good with pain at the back of the pelvis.",
        "start_position_da": "Sid ret op på en stabil stol med begge fødder i gulvet.",
        "start_position_en": "Sit up tall on a sturdy chair with both feet on the floor.",
        "instructions_da": [
            "Læg den ene ankel over det modsatte knæ, eller lidt længere nede på skinnebenet, "
            "hvis det er mere behageligt.",
            "Læn overkroppen lidt frem med rank ryg, til du mærker en mild strækning i "
            "sædemusklen.",
            "Bliv der, og træk vejret roligt. Skift derefter side.",
            "Strækningen skal føles rar. Et let træk er fint, men slæk lidt på den, hvis "
            "smerten tydeligt øges og bliver ved.",
        ],
        "instructions_en": [
            "Rest one ankle on the opposite knee, or a little lower on the shin if that is more "
            "comfortable.",
            "Lean your upper body slightly forward with a long back until you feel a mild "
            "stretch in the buttock.",
            "Stay there and breathe calmly. Then change sides.",
            "The stretch should feel pleasant. A light pull is fine, but ease off if the pain "
            "clearly increases and stays.",
        ],
        "caution_da": "Kommer maven i vejen, så læn dig mindre frem, eller sæt foden på en lav "
                      "skammel.",
        "caution_en": "If your bump gets in the way, lean forward less or rest the foot on a "
                      "low stool.",
        "sets": 2,
        "reps": None,
        "hold_seconds": 20,
        "times_per_day": 2,
        "first_trimester": True,
        "second_trimester": True,
        "third_trimester": True,
        "postpartum": True,
        "long_supine": False,
        "regions": ["posterior"],
        "illustration": "seated-seat-stretch.svg",
    },
    # ----------------------------------------------------------------------------- strength
    {
        "slug": "pelvic-floor-deep-abdominals",
        "category": "strength",
        "title_da": "Bækkenbund og dybe mavemuskler",
        "title_en": "Pelvic floor and deep tummy muscles",
        "purpose_da": "Aktiverer bækkenbunden og de dybe mavemuskler, som støtter bækken og lænd "
                      "indefra.",
        "purpose_en": "Wakes up the pelvic floor and the deep tummy muscles that support your "
                      "pelvis and lower back from the inside.",
        "start_position_da": "Sid godt på en stol, eller lig på siden med en pude mellem knæene, "
                             "og træk vejret roligt.",
        "start_position_en": "Sit comfortably on a chair, or lie on your side with a pillow "
                             "between your knees, and breathe calmly.",
        "instructions_da": [
            "Pust ud, og knib blidt omkring endetarm og skede, som om du holder på både luft og "
            "urin. Løft knibet lidt opad og indad.",
            "Træk samtidig den nederste del af maven blidt ind mod barnet uden at holde vejret.",
            "Hold spændingen, mens du trækker vejret videre, og slip så helt og hvil et par "
            "sekunder.",
            "Brug kun en let kraft. Det skal føles behageligt; mærker du, at smerten tydeligt "
            "øges og bliver ved, så spænd endnu mindre.",
        ],
        "instructions_en": [
            "Breathe out and gently squeeze around your back passage and vagina, as if holding "
            "in both wind and urine. Lift the squeeze slightly upwards and inwards.",
            "At the same time, draw your lower tummy softly in towards the baby without holding "
            "your breath.",
            "Hold the squeeze while you keep breathing, then let go completely and rest for a "
            "few seconds.",
            "Use only light effort. It should feel comfortable; if the pain clearly increases "
            "and stays, squeeze even more gently.",
        ],
        "caution_da": "",
        "caution_en": "",
        "sets": 3,
        "reps": 8,
        "hold_seconds": 5,
        "times_per_day": 3,
        "first_trimester": True,
        "second_trimester": True,
        "third_trimester": True,
        "postpartum": True,
        "long_supine": False,
        "regions": ["posterior", "anterior", "general"],
        "illustration": "pelvic-floor-deep-abdominals.svg",
    },
    {
        "slug": "side-lying-clam",
        "category": "strength",
        "title_da": "Muslingen på siden",
        "title_en": "Side-lying clam",
        "purpose_da": "Styrker musklerne på siden af hoften og i sædet, som bærer bækkenet, når "
                      "du går og står.",
        "purpose_en": "Strengthens the muscles at the side of your hip and in your buttock, "
                      "which carry the pelvis when you walk and stand.",
        "start_position_da": "Lig på siden med bøjede hofter og knæ, hovedet på armen eller en "
                             "pude og gerne en lille pude under maven.",
        "start_position_en": "Lie on your side with your hips and knees bent, your head on your "
                             "arm or a pillow, and a small pillow under your bump if you like.",
        "instructions_da": [
            "Hold fødderne sammen, og løft langsomt det øverste knæ, som når en musling åbner "
            "sig.",
            "Løft kun så langt, som bækkenet kan blive liggende uden at rulle bagover.",
            "Sænk knæet roligt igen, og gentag.",
            "Det er helt fint at mærke, at sædemusklen arbejder. Hvis smerten tydeligt øges og "
            "bliver ved, så løft knæet mindre højt.",
        ],
        "instructions_en": [
            "Keep your feet together and slowly lift your top knee, like a clam opening.",
            "Lift only as far as your pelvis can stay still without rolling backwards.",
            "Lower the knee calmly and repeat.",
            "It is perfectly fine to feel your buttock working. If the pain clearly increases "
            "and stays, lift the knee less high.",
        ],
        "caution_da": "",
        "caution_en": "",
        "sets": 2,
        "reps": 10,
        "hold_seconds": None,
        "times_per_day": 2,
        "first_trimester": True,
        "second_trimester": True,
        "third_trimester": True,
        "postpartum": True,
        "long_supine": False,
        "regions": ["posterior", "general"],
        "illustration": "side-lying-clam.svg",
    },
    {
        "slug": "bridge",
        "category": "strength",
        "title_da": "Broen",
        "title_en": "Bridge",
        "purpose_da": "Styrker sædemusklerne og bagsiden af lårene, som hjælper med at bære "
                      "bækkenet i hverdagen.",
        "purpose_en": "Strengthens the buttocks and the backs of the thighs, which help carry "
                      "the pelvis in everyday life.",
        "start_position_da": "Lig på ryggen med bøjede knæ, fødderne fladt i gulvet i "
                             "hoftebredde og armene langs siden.",
        "start_position_en": "Lie on your back with your knees bent, feet flat on the floor "
                             "hip-width apart and arms by your sides.",
        "instructions_da": [
            "Pust ud, spænd blidt op i bækkenbunden, og løft numsen, til kroppen danner en lige "
            "linje fra knæ til skuldre.",
            "Bliv oppe et par rolige vejrtrækninger.",
            "Sænk dig langsomt ned igen, en del af ryggen ad gangen.",
            "Løft kun så højt, som det føles fint. Sænk løftet, hvis smerten tydeligt øges og "
            "bliver ved.",
        ],
        "instructions_en": [
            "Breathe out, gently tighten your pelvic floor and lift your bottom until your body "
            "forms a straight line from knees to shoulders.",
            "Stay up for a couple of calm breaths.",
            "Lower yourself slowly, one part of your back at a time.",
            "Lift only as high as feels fine. Lift less if the pain clearly increases and "
            "stays.",
        ],
        "caution_da": _SUPINE_CAUTION_DA,
        "caution_en": _SUPINE_CAUTION_EN,
        "sets": 2,
        "reps": 8,
        "hold_seconds": 5,
        "times_per_day": 2,
        "first_trimester": True,
        "second_trimester": True,
        "third_trimester": True,
        "postpartum": True,
        "long_supine": True,
        "regions": ["posterior", "general"],
        "illustration": "bridge.svg",
    },
    {
        "slug": "side-lying-leg-lift",
        "category": "strength",
        "title_da": "Benløft på siden efter fødslen",
        "title_en": "Side-lying leg lift after the birth",
        "purpose_da": "Et næste trin efter muslingen, som bygger styrke op på siden af hoften, "
                      "så det bliver lettere at gå og bære dit barn.",
        "purpose_en": "A next step after the clam that builds strength at the side of your hip, "
                      "so walking and carrying your baby get easier.",
        "start_position_da": "Lig på siden med det nederste ben bøjet for at støtte og det "
                             "øverste ben strakt i forlængelse af kroppen.",
        "start_position_en": "Lie on your side with your bottom leg bent for support and your "
                             "top leg straight in line with your body.",
        "instructions_da": [
            "Løft det øverste ben langsomt op til cirka hoftehøjde med tæerne pegende frem.",
            "Hold et øjeblik, og sænk så benet roligt.",
            "Hold kroppen stille, og træk vejret helt normalt.",
            "Begynd med få løft, og byg gradvist op. Det er fint at mærke, at musklerne "
            "arbejder, men tag færre løft, hvis smerten tydeligt øges og bliver ved.",
        ],
        "instructions_en": [
            "Slowly lift your top leg to about hip height with your toes pointing forward.",
            "Hold for a moment, then lower the leg with control.",
            "Keep your body still and breathe normally.",
            "Start with a few lifts and build up gradually. Feeling the muscles work is fine, "
            "but do fewer lifts if the pain clearly increases and stays.",
        ],
        "caution_da": "Begynd, når muslingen føles let. Efter kejsersnit følger du hospitalets "
                      "råd om, hvornår du kan starte.",
        "caution_en": "Start when the clam feels easy. After a caesarean section, follow your "
                      "hospital's advice on when to begin.",
        "sets": 2,
        "reps": 10,
        "hold_seconds": None,
        "times_per_day": 2,
        "first_trimester": False,
        "second_trimester": False,
        "third_trimester": False,
        "postpartum": True,
        "long_supine": False,
        "regions": ["posterior", "general"],
        "illustration": "side-lying-leg-lift.svg",
    },
    {
        "slug": "dead-bug-after-birth",
        "category": "strength",
        "title_da": "Skiftevise benløft på ryggen efter fødslen",
        "title_en": "Alternating leg lifts on your back after the birth",
        "purpose_da": "Genopbygger styringen af de dybe mavemuskler efter fødslen, så mave, "
                      "ryg og bækken arbejder godt sammen igen.",
        "purpose_en": "Rebuilds control of your deep tummy muscles after the birth, so tummy, "
                      "back and pelvis work well together again.",
        "start_position_da": "Lig på ryggen med bøjede knæ og fødderne fladt i gulvet.",
        "start_position_en": "Lie on your back with your knees bent and your feet flat on the "
                             "floor.",
        "instructions_da": [
            "Pust ud, træk den nederste del af maven blidt ind, og løft den ene fod lidt fra "
            "gulvet.",
            "Sæt foden langsomt ned igen, og skift til det andet ben.",
            "Når det føles let, kan du løfte begge ben op med hofter og knæ i en ret vinkel og "
            "skiftevis sænke den ene hæl langsomt mod gulvet.",
            "Træk vejret hele vejen igennem. Gå tilbage til det lettere trin, hvis smerten "
            "tydeligt øges og bliver ved.",
        ],
        "instructions_en": [
            "Breathe out, gently draw in your lower tummy and lift one foot a little off the "
            "floor.",
            "Put the foot down slowly and switch to the other leg.",
            "When that feels easy, lift both legs so your hips and knees are at right angles, "
            "and lower one heel at a time slowly towards the floor.",
            "Keep breathing throughout. Go back to the easier step if the pain clearly "
            "increases and stays.",
        ],
        "caution_da": "Til tiden efter fødslen. Hvis maven buler op som en kam langs midten, så "
                      "vælg det lettere trin en tid. Efter kejsersnit følger du hospitalets råd "
                      "om, hvornår du kan begynde.",
        "caution_en": "For after the birth. If your tummy bulges into a ridge along the middle, "
                      "stay with the easier step for a while. After a caesarean section, follow "
                      "your hospital's advice on when to begin.",
        "sets": 2,
        "reps": 8,
        "hold_seconds": None,
        "times_per_day": 2,
        "first_trimester": False,
        "second_trimester": False,
        "third_trimester": False,
        "postpartum": True,
        "long_supine": True,
        "regions": ["general"],
        "illustration": "dead-bug-after-birth.svg",
    },
    # ------------------------------------------------------------------------ load transfer
    {
        "slug": "sit-to-stand",
        "category": "load_transfer",
        "title_da": "Rejse sig og sætte sig",
        "title_en": "Sit to stand",
        "purpose_da": "Træner den daglige bevægelse at rejse sig og sætte sig, så den bliver "
                      "lettere og mere tryg.",
        "purpose_en": "Practises the everyday movement of standing up and sitting down, so it "
                      "feels easier and more confident.",
        "start_position_da": "Sid forrest på en stabil stol med fødderne i hoftebredde og lidt "
                             "bag knæene.",
        "start_position_en": "Sit towards the front of a sturdy chair with your feet hip-width "
                             "apart and slightly behind your knees.",
        "instructions_da": [
            "Læn dig lidt frem, pres gennem begge fødder, og rejs dig i dit eget tempo.",
            "Sæt dig langsomt ned igen. Du må gerne tage hænderne på lårene eller armlænene "
            "til hjælp.",
            "Hav fødderne så bredt, som det føles rart – benene fra hinanden er helt i orden.",
            "Lidt kortvarigt ubehag er fint. Hvis smerten tydeligt øges og bliver ved, så brug "
            "en højere stol eller mere hjælp fra armene.",
        ],
        "instructions_en": [
            "Lean forward a little, press through both feet and stand up at your own pace.",
            "Sit down again slowly. You are welcome to use your hands on your thighs or the "
            "armrests for help.",
            "Place your feet as wide as feels comfortable – legs apart is perfectly fine.",
            "A little short-lived discomfort is fine. If the pain clearly increases and stays, "
            "use a higher chair or more help from your arms.",
        ],
        "caution_da": "",
        "caution_en": "",
        "sets": 2,
        "reps": 8,
        "hold_seconds": None,
        "times_per_day": 3,
        "first_trimester": True,
        "second_trimester": True,
        "third_trimester": True,
        "postpartum": True,
        "long_supine": False,
        "regions": ["general", "anterior"],
        "illustration": "sit-to-stand.svg",
    },
    {
        "slug": "standing-weight-shift",
        "category": "load_transfer",
        "title_da": "Vægtskift fra ben til ben",
        "title_en": "Standing weight shift",
        "purpose_da": "Vænner bækkenet til at bære din vægt på ét ben ad gangen, sådan som det "
                      "gør, når du går, og når du bruger trapper.",
        "purpose_en": "Gets your pelvis used to carrying your weight on one leg at a time, as it "
                      "does when you walk and take the stairs.",
        "start_position_da": "Stå med fødderne i hoftebredde og den ene hånd let på en "
                             "bordkant eller en stoleryg.",
        "start_position_en": "Stand with your feet hip-width apart and one hand resting lightly "
                             "on a counter or the back of a chair.",
        "instructions_da": [
            "Flyt langsomt vægten over på det ene ben, så den anden fod bliver let.",
            "Bliv der et par sekunder, og flyt så vægten over på det andet ben.",
            "Når det føles let, kan du løfte den lette fod lidt fra gulvet et øjeblik.",
            "Bevæg dig inden for det, der føles fint. Lidt ubehag, der går over, er i orden; "
            "gør vægtskiftet mindre, hvis smerten tydeligt øges og bliver ved.",
        ],
        "instructions_en": [
            "Slowly shift your weight onto one leg, letting the other foot become light.",
            "Stay there for a couple of seconds, then shift your weight onto the other leg.",
            "When that feels easy, lift the light foot just off the floor for a moment.",
            "Move within what feels fine. A little discomfort that passes is all right; make "
            "the shift smaller if the pain clearly increases and stays.",
        ],
        "caution_da": "",
        "caution_en": "",
        "sets": 2,
        "reps": 10,
        "hold_seconds": 3,
        "times_per_day": 3,
        "first_trimester": True,
        "second_trimester": True,
        "third_trimester": True,
        "postpartum": True,
        "long_supine": False,
        "regions": ["general", "anterior"],
        "illustration": "standing-weight-shift.svg",
    },
    {
        "slug": "step-up-stair",
        "category": "load_transfer",
        "title_da": "Trin op på trappen",
        "title_en": "Step-up on a stair",
        "purpose_da": "Giver styrke og tryghed på trapper – du må altid gerne bruge trapper.",
        "purpose_en": "Builds strength and confidence on stairs – stairs are perfectly fine to "
                      "use.",
        "start_position_da": "Stå foran det nederste trin på en trappe med den ene hånd på "
                             "gelænderet.",
        "start_position_en": "Stand facing the bottom step of a staircase with one hand on the "
                             "handrail.",
        "instructions_da": [
            "Træd op på det nederste trin med den ene fod, og sæt den anden fod op ved siden af.",
            "Træd roligt ned igen, én fod ad gangen.",
            "Skift, hvilken fod der går først, efter nogle gentagelser.",
            "Brug gelænderet så meget, du har lyst. Lidt ubehag, der går over, er i orden; tag "
            "færre trin, hvis smerten tydeligt øges og bliver ved.",
        ],
        "instructions_en": [
            "Step up onto the bottom step with one foot, then bring the other foot up beside "
            "it.",
            "Step calmly back down, one foot at a time.",
            "Change which foot goes first after a few repetitions.",
            "Use the handrail as much as you like. A little discomfort that settles is all "
            "right; do fewer steps if the pain clearly increases and stays.",
        ],
        "caution_da": "",
        "caution_en": "",
        "sets": 2,
        "reps": 8,
        "hold_seconds": None,
        "times_per_day": 2,
        "first_trimester": True,
        "second_trimester": True,
        "third_trimester": True,
        "postpartum": True,
        "long_supine": False,
        "regions": ["general"],
        "illustration": "step-up-stair.svg",
    },
    {
        "slug": "walking-normal-stride",
        "category": "load_transfer",
        "title_da": "Gåtur med dine normale skridt",
        "title_en": "Walking with your normal stride",
        "purpose_da": "At gå holder hele kroppen i gang og tæller med i din daglige aktivitet; "
                      "dine helt normale skridt er målet.",
        "purpose_en": "Walking keeps your whole body going and counts towards your daily "
                      "activity; your usual, normal stride is the goal.",
        "start_position_da": "Tag behagelige sko på, og vælg en rute, hvor du kan holde pause "
                             "eller vende om undervejs.",
        "start_position_en": "Put on comfortable shoes and choose a route where you can take a "
                             "break or turn back along the way.",
        "instructions_da": [
            "Gå i et behageligt tempo med dine normale skridt, og lad armene svinge frit.",
            "Begynd med cirka 10 minutter, og læg et par minutter til ad gangen hen over "
            "ugerne.",
            "Flere korte gåture om dagen er lige så gode som én lang.",
            "Lad smerten guide dig: lidt ømhed, der falder til ro efter turen, er i orden. "
            "Bliver smerten tydeligt værre og bliver ved, så gør næste tur lidt kortere i "
            "stedet for at stoppe helt.",
        ],
        "instructions_en": [
            "Walk at a comfortable pace with your normal stride and let your arms swing freely.",
            "Start with about 10 minutes and add a few minutes at a time over the weeks.",
            "Several short walks a day are just as good as one long one.",
            "Let the pain guide you: some aching that settles after the walk is all right. If "
            "the pain clearly gets worse and stays, make the next walk a little shorter rather "
            "than stopping altogether.",
        ],
        "caution_da": "",
        "caution_en": "",
        "sets": 1,
        "reps": None,
        "hold_seconds": 600,
        "times_per_day": 2,
        "first_trimester": True,
        "second_trimester": True,
        "third_trimester": True,
        "postpartum": True,
        "long_supine": False,
        "regions": ["general"],
        "illustration": "walking-normal-stride.svg",
    },
    # ----------------------------------------------------------------- breathing, relaxation
    {
        "slug": "calm-belly-breathing",
        "category": "breathing_relaxation",
        "title_da": "Rolig vejrtrækning med maven",
        "title_en": "Calm belly breathing",
        "purpose_da": "Beroliger kroppen og nervesystemet, hvilket kan skrue ned for både "
                      "smerte og muskelspænding.",
        "purpose_en": "Calms your body and nervous system, which can turn down both pain and "
                      "muscle tension.",
        "start_position_da": "Sid godt med støtte til ryggen, eller lig på siden, med en hånd "
                             "på de nederste ribben eller på maven.",
        "start_position_en": "Sit comfortably with your back supported, or lie on your side, "
                             "with one hand on your lower ribs or your tummy.",
        "instructions_da": [
            "Træk vejret langsomt ind gennem næsen, og mærk maven og de nederste ribben udvide "
            "sig ud mod hånden.",
            "Pust langsomt ud gennem munden, lidt længere end du trak vejret ind, og lad "
            "skuldrene synke ned.",
            "Lad kæbe, skuldre og sæde blive lidt blødere for hver udånding.",
            "Det skal føles rart. Bliver du let svimmel, så træk vejret mere blidt, og vend "
            "tilbage til din almindelige vejrtrækning.",
        ],
        "instructions_en": [
            "Breathe in slowly through your nose and feel your tummy and lower ribs widen into "
            "your hand.",
            "Breathe out slowly through your mouth, a little longer than you breathed in, and "
            "let your shoulders drop.",
            "Let your jaw, shoulders and seat soften a little more with each breath out.",
            "It should feel pleasant. If you feel light-headed, breathe more gently and return "
            "to your ordinary breathing.",
        ],
        "caution_da": "",
        "caution_en": "",
        "sets": 1,
        "reps": 8,
        "hold_seconds": None,
        "times_per_day": 3,
        "first_trimester": True,
        "second_trimester": True,
        "third_trimester": True,
        "postpartum": True,
        "long_supine": False,
        "regions": ["general"],
        "illustration": "calm-belly-breathing.svg",
    },
    # ---------------------------------------------------------------------- resting positions
    {
        "slug": "side-lying-rest",
        "category": "resting_position",
        "title_da": "Hvil på siden",
        "title_en": "Resting on your side",
        "purpose_da": "En god stilling til en liggende pause midt på dagen, som kan tage toppen "
                      "af smerter, der har bygget sig op.",
        "purpose_en": "A comfortable position for a lying rest break in the middle of the day, "
                      "which can take the edge off pain that has built up.",
        "start_position_da": "Lig på siden på en seng eller sofa med let bøjede hofter og knæ.",
        "start_position_en": "Lie on your side on a bed or sofa with your hips and knees "
                             "slightly bent.",
        "instructions_da": [
            "Læg en pude mellem knæene og anklerne og en lille pude under maven.",
            "Hvil hovedet på en pude, så nakken er i forlængelse af ryggen, og hold gerne om en "
            "pude med armene.",
            "Bliv liggende i 10–20 minutter, og træk vejret roligt. Skift side, når du har lyst.",
            "Flyt rundt på puderne, til stillingen føles god – der er ingen forkert måde at "
            "hvile på.",
        ],
        "instructions_en": [
            "Put a pillow between your knees and ankles and a small pillow under your bump.",
            "Rest your head on a pillow so your neck is in line with your back, and hug a "
            "pillow if you like.",
            "Stay for 10–20 minutes, breathing calmly. Change sides whenever you want.",
            "Move the pillows around until the position feels good – there is no wrong way to "
            "rest.",
        ],
        "caution_da": "",
        "caution_en": "",
        "sets": 1,
        "reps": None,
        "hold_seconds": 600,
        "times_per_day": 2,
        "first_trimester": True,
        "second_trimester": True,
        "third_trimester": True,
        "postpartum": True,
        "long_supine": False,
        "regions": ["general"],
        "illustration": "side-lying-rest.svg",
    },
    {
        "slug": "propped-up-rest",
        "category": "resting_position",
        "title_da": "Halvsiddende hvil",
        "title_en": "Propped-up rest",
        "purpose_da": "En anden hvilestilling, når det ikke er rart at ligge på siden, med "
                      "overkroppen hævet, så du trækker vejret frit.",
        "purpose_en": "Another resting position for when lying on your side is not comfortable, "
                      "with your upper body raised so you breathe freely.",
        "start_position_da": "Sid i en seng eller sofa med flere puder bag ryggen, så "
                             "overkroppen er godt hævet.",
        "start_position_en": "Sit on a bed or sofa with several pillows behind your back so your "
                             "upper body is well raised.",
        "instructions_da": [
            "Læg en pude eller en sammenrullet dyne under knæene, så benene kan slappe af.",
            "Lad armene hvile på puder ved siden af dig, og lad skuldrene synke ned.",
            "Hvil i 10–20 minutter, og træk vejret roligt.",
            "Justér puderne, som du vil. Stillingen skal føles behagelig, så skift den, når du "
            "har lyst.",
        ],
        "instructions_en": [
            "Put a pillow or a rolled-up duvet under your knees so your legs can relax.",
            "Let your arms rest on pillows beside you and let your shoulders drop.",
            "Rest for 10–20 minutes, breathing calmly.",
            "Adjust the pillows however you like. The position should feel comfortable, so "
            "change it whenever you want.",
        ],
        "caution_da": "Føler du dig svimmel eller utilpas, så hæv overkroppen lidt mere, eller "
                      "vend dig om på siden.",
        "caution_en": "If you feel dizzy or unwell, raise your upper body a little more or turn "
                      "onto your side.",
        "sets": 1,
        "reps": None,
        "hold_seconds": 600,
        "times_per_day": 2,
        "first_trimester": True,
        "second_trimester": True,
        "third_trimester": True,
        "postpartum": True,
        "long_supine": False,
        "regions": ["general"],
        "illustration": "propped-up-rest.svg",
    },
    # --------------------------------------------------------------------------- bed mobility
    {
        "slug": "turning-in-bed",
        "category": "bed_mobility",
        "title_da": "Vend dig i sengen",
        "title_en": "Turning over in bed",
        "purpose_da": "Gør det lettere at vende sig om natten, så du kan sove bedre.",
        "purpose_en": "Makes turning over at night easier, so you can sleep better.",
        "start_position_da": "Lig på siden i sengen med bøjede knæ.",
        "start_position_en": "Lie on your side in bed with your knees bent.",
        "instructions_da": [
            "Bøj knæene godt, og sæt fødderne i madrassen, når du ruller om på ryggen.",
            "Pust ud, spænd blidt op i bækkenbund og mave, og rul videre om på den anden side i "
            "én rolig bevægelse, hvor skuldre og hofter følges ad.",
            "Du kan også vende dig i flere etaper eller via hænder og knæ – vælg den måde, der "
            "føles lettest.",
            "Et satinlagen eller en satinpyjamas mindsker gnidningen, så du lettere glider "
            "rundt.",
            "Det kan gøre lidt ondt et øjeblik, og det er i orden. Bruger du den måde, der "
            "generer dig mindst, bliver det ofte lettere med øvelse.",
        ],
        "instructions_en": [
            "Bend your knees well and put your feet on the mattress as you roll onto your back.",
            "Breathe out, gently tighten your pelvic floor and tummy, and roll on to the other "
            "side in one calm movement, letting your shoulders and hips move together.",
            "You can also turn in a few stages or via hands and knees – choose the way that "
            "feels easiest.",
            "A satin sheet or satin pyjamas reduce friction, so you slide round more easily.",
            "It may hurt a little for a moment, and that is all right. If you use the way that "
            "bothers you least, it often gets easier with practice.",
        ],
        "caution_da": "",
        "caution_en": "",
        "sets": 1,
        "reps": 3,
        "hold_seconds": None,
        "times_per_day": 2,
        "first_trimester": True,
        "second_trimester": True,
        "third_trimester": True,
        "postpartum": True,
        "long_supine": False,
        "regions": ["general"],
        "illustration": "turning-in-bed.svg",
    },
    {
        "slug": "in-and-out-of-bed",
        "category": "bed_mobility",
        "title_da": "Ind og ud af sengen",
        "title_en": "Getting in and out of bed",
        "purpose_da": "En nem måde at komme op fra liggende og ned igen, for eksempel om "
                      "morgenen eller når du skal op om natten.",
        "purpose_en": "An easy way to get up from lying down and back again, for example in the "
                      "morning or when you get up at night.",
        "start_position_da": "Lig på siden tæt ved sengekanten med bøjede knæ.",
        "start_position_en": "Lie on your side near the edge of the bed with your knees bent.",
        "instructions_da": [
            "Lad underbenene glide ud over sengekanten.",
            "Skub dig samtidig op at sidde med den nederste albue og den øverste hånd.",
            "Sid et øjeblik, og rejs dig så. Når du skal i seng, gør du det samme i omvendt "
            "rækkefølge.",
            "Tag den tid, du har brug for. Kortvarigt ubehag er i orden, og det bliver ofte "
            "lettere, jo mere du øver det.",
        ],
        "instructions_en": [
            "Let your lower legs slide over the edge of the bed.",
            "At the same time, push yourself up to sitting with your lower elbow and your upper "
            "hand.",
            "Sit for a moment, then stand up. To get into bed, do the same in reverse.",
            "Take the time you need. Brief discomfort is all right, and it often gets easier "
            "the more you practise.",
        ],
        "caution_da": "",
        "caution_en": "",
        "sets": 1,
        "reps": 3,
        "hold_seconds": None,
        "times_per_day": 2,
        "first_trimester": True,
        "second_trimester": True,
        "third_trimester": True,
        "postpartum": True,
        "long_supine": False,
        "regions": ["general"],
        "illustration": "in-and-out-of-bed.svg",
    },
]


TOPICS = [
    {
        "slug": "what-is-pelvic-girdle-pain",
        "key_message": "stable_pelvis",
        "title_da": "Hvad er graviditetsrelaterede bækkensmerter?",
        "title_en": "What is pregnancy-related pelvic girdle pain?",
        "body_da": (
            "Graviditetsrelaterede bækkensmerter sidder bag på bækkenet, tæt ved leddene ved "
            "siden af korsbenet, og/eller foran ved skambenet. Smerterne kan gøre det svært at "
            "stå, gå eller sidde længe, og det kan være besværligt at vende sig i sengen.\n\n"
            "Dit bækken er stærkt og stabilt. I graviditeten bliver ledbåndene omkring "
            "bækkenets led en smule mere eftergivende. Det er en normal forandring, der gør "
            "kroppen klar til fødslen, og kvinder med smerter har ikke mere bevægelighed i "
            "leddene end kvinder uden smerter.\n\n"
            "Hvorfor gør det så ondt? Smerte er nervesystemets alarm. I graviditeten, og især "
            "når du er træt, stresset eller bekymret, kan alarmen blive ekstra følsom og gå i "
            "gang, før der er brug for det. Smerten er ægte, men den er ikke et tegn på, at "
            "noget i bækkenet er gået i stykker.\n\n"
            "Det er gode nyheder, for en følsom alarm kan dæmpes. Bevægelse, god søvn, pauser "
            "og vished om, at din krop er stærk, hjælper alt sammen med at skrue ned for "
            "lyden."
        ),
        "body_en": (
            "Pregnancy-related pelvic girdle pain is felt at the back of the pelvis, near the "
            "joints beside the base of the spine, and/or at the front over the pubic bone. It "
            "can make it hard to stand, walk or sit for long, and turning over in bed can be "
            "a struggle.\n\n"
            "Your pelvis is strong and stable. During pregnancy the ligaments around the "
            "pelvic joints become a little more flexible. This is a normal change that gets "
            "your body ready for the birth, and women with pain do not have more movement in "
            "their joints than women without pain.\n\n"
            "So why does it hurt? Pain is your nervous system's alarm. In pregnancy, and "
            "especially when you are tired, stressed or worried, the alarm can become extra "
            "sensitive and go off sooner than it needs to. The pain is real, but it is not a "
            "sign that anything in your pelvis is broken.\n\n"
            "That is good news, because a sensitive alarm can be calmed. Movement, good sleep, "
            "rest breaks and knowing that your body is strong all help to turn the volume "
            "down."
        ),
    },
    {
        "slug": "common-and-harmless",
        "key_message": "common_harmless",
        "title_da": "Almindeligt – og ufarligt for dit barn",
        "title_en": "Common – and harmless for your baby",
        "body_da": (
            "Du er langt fra alene. Omkring hver femte gravide har bækkensmerter på et givet "
            "tidspunkt, og endnu flere mærker ømhed i lænd eller bækken i løbet af "
            "graviditeten. Det er en af de hyppigste grunde til fravær fra arbejdet, mens man "
            "er gravid.\n\n"
            "Smerterne skader ikke dit barn. Barnet ligger godt beskyttet, og smerterne i dit "
            "bækken har ingen betydning for, hvordan barnet trives og vokser.\n\n"
            "Bækkensmerter bestemmer heller ikke, hvordan din fødsel kommer til at gå. De "
            "fleste kvinder med bækkensmerter føder ligesom alle andre, og du kan tale med din "
            "jordemoder om stillinger, der føles gode under fødslen.\n\n"
            "De fleste får det tydeligt bedre i ugerne og månederne efter fødslen, når kroppen "
            "ikke længere bærer graviditeten. Nogle har smerter i længere tid, og så er der "
            "også hjælp at få. Indtil da kan du selv gøre meget for at gøre hverdagen lettere, "
            "og din læge og fysioterapeut er der for at hjælpe dig."
        ),
        "body_en": (
            "You are far from alone. At any one time about one in five pregnant women has "
            "pelvic girdle pain, and even more notice some aching in the lower back or pelvis "
            "during pregnancy. It is one of the most common reasons for time off work while "
            "pregnant.\n\n"
            "The pain does not harm your baby. Your baby is well protected, and the pain in "
            "your pelvis has no effect on how your baby thrives and grows.\n\n"
            "Pelvic girdle pain does not decide how your birth will go either. Most women with "
            "pelvic pain give birth just like everyone else, and you can talk with your "
            "midwife about positions that feel good during labour.\n\n"
            "Most women get clearly better in the weeks and months after the birth, when the "
            "body no longer carries the pregnancy. Some have pain for longer, and there is "
            "help for that too. Until then, there is a lot you can do yourself to make "
            "everyday life easier, and your GP and physiotherapist are there to help you."
        ),
    },
    {
        "slug": "movement-is-safe",
        "key_message": "movement_safe",
        "title_da": "Bevægelse er sikkert og hjælper",
        "title_en": "Movement is safe and helps",
        "body_da": (
            "Det er sikkert for dit bækken, at du bevæger dig. Bevægelse holder kroppen stærk "
            "og hjælper med at berolige et følsomt nervesystem, så det er noget af det bedste, "
            "du kan gøre at holde dig i gang.\n\n"
            "Almindelige hverdagsbevægelser er tilladt, for eksempel:\n"
            "- at stå eller sidde med benene fra hinanden\n"
            "- at sidde med benene over kors\n"
            "- at gå op og ned ad trapper, gerne med en hånd på gelænderet\n"
            "- at gå med dine normale skridt\n"
            "- at dreje, bøje dig og løfte almindelige ting i hverdagen\n\n"
            "Lad smerten guide dig frem for faste regler. Lidt ubehag, der hurtigt går over, "
            "er helt i orden. Hvis en bevægelse tydeligt øger smerten, og den bliver ved, så "
            "gør lidt mindre af den eller gør den på en anden måde en tid – og prøv igen "
            "senere.\n\n"
            "Træning mindsker smerterne. En stor gennemgang af undersøgelser med over 50.000 "
            "gravide viste, at kvinder, der trænede i graviditeten, fik mindre svære smerter "
            "i ryg og bækken end kvinder, der ikke gjorde. Træning forhindrer ikke altid, at "
            "smerterne opstår, men den gør dem lettere at leve med."
        ),
        "body_en": (
            "Moving is safe for your pelvis. Movement keeps your body strong and helps calm a "
            "sensitive nervous system, so staying active is one of the best things you can "
            "do.\n\n"
            "Everyday movements are allowed, for example:\n"
            "- standing or sitting with your legs apart\n"
            "- sitting with your legs crossed\n"
            "- walking up and down stairs, with a hand on the rail if you like\n"
            "- walking with your normal stride\n"
            "- turning, bending and lifting ordinary things in daily life\n\n"
            "Let the pain guide you rather than fixed rules. A little discomfort that passes "
            "quickly is perfectly fine. If a movement clearly increases the pain and it stays, "
            "do a bit less of it or do it differently for a while – and try again later.\n\n"
            "Exercise reduces pain. A large review of studies including more than 50,000 "
            "pregnant women found that women who exercised during pregnancy had less severe "
            "back and pelvic pain than women who did not. Exercise does not always stop the "
            "pain from starting, but it makes it easier to live with."
        ),
    },
    {
        "slug": "vary-and-take-breaks",
        "key_message": "pacing",
        "title_da": "Variér, fordel og hold pauser",
        "title_en": "Vary, spread out and take breaks",
        "body_da": (
            "Mange kvinder med bækkensmerter mærker, at smerten bygger sig op, når de bliver i "
            "samme stilling længe. Variation er nøglen.\n\n"
            "- Skift mellem at sidde, stå, gå og ligge i løbet af dagen.\n"
            "- Fordel tunge eller lange opgaver som indkøb, rengøring og havearbejde i stedet "
            "for at klare det hele på én gang.\n"
            "- Hold korte pauser, før smerten bliver stærk – ikke kun bagefter.\n"
            "- En liggende pause til frokost, for eksempel 10–20 minutter på siden, kan gøre "
            "eftermiddagen meget lettere.\n"
            "- Tag imod hjælp til de tungeste opgaver, når du kan.\n\n"
            "Det er stadig vigtigt at være aktiv hver dag. Sundhedsstyrelsen anbefaler, at "
            "kvinder med en ukompliceret graviditet er fysisk aktive med moderat intensitet i "
            "mindst 30 minutter om dagen, for eksempel rask gang, svømning eller "
            "vandgymnastik. Du kan dele tiden op i perioder på mindst 10 minutter.\n\n"
            "Nogle dage er bedre end andre. På en dårlig dag gør du lidt mindre og bygger "
            "gradvist op igen, og på en god dag kan det betale sig ikke at tage det hele på "
            "én gang."
        ),
        "body_en": (
            "Many women with pelvic girdle pain notice that the pain builds up when they stay "
            "in one position for a long time. Variety is the key.\n\n"
            "- Switch between sitting, standing, walking and lying during the day.\n"
            "- Spread heavy or long tasks such as shopping, cleaning and gardening out, instead "
            "of doing everything at once.\n"
            "- Take short breaks before the pain gets strong – not only afterwards.\n"
            "- A lying rest at lunchtime, for example 10–20 minutes on your side, can make the "
            "afternoon much easier.\n"
            "- Accept help with the heaviest tasks when you can.\n\n"
            "Being active every day is still important. The Danish Health Authority "
            "(Sundhedsstyrelsen) recommends that women with an uncomplicated pregnancy are "
            "physically active at moderate intensity for at least 30 minutes a day, for "
            "example brisk walking, swimming or water exercise. You can split the time into "
            "bouts of at least 10 minutes.\n\n"
            "Some days are better than others. On a bad day, do a little less and build up "
            "gradually again, and on a good day it pays not to do everything at once."
        ),
    },
    {
        "slug": "sleep-and-turning",
        "key_message": "sleep_turning",
        "title_da": "Søvn og vending i sengen",
        "title_en": "Sleep and turning over in bed",
        "body_da": (
            "God søvn gør nervesystemet mindre følsomt, så det er værd at gøre nætterne så "
            "lette som muligt.\n\n"
            "At vende sig i sengen er tit en af de sværeste bevægelser. Disse råd hjælper "
            "mange:\n"
            "- Et satinlagen eller en satinpyjamas mindsker gnidningen, så du lettere glider "
            "rundt.\n"
            "- Bøj knæene, sæt fødderne i madrassen, og rul rundt i én rolig bevægelse – eller "
            "vend dig i flere etaper, alt efter hvad der føles lettest.\n"
            "- Pust ud, og spænd blidt op i bækkenbund og mave, mens du vender dig.\n\n"
            "Mange har det godt med at ligge på siden med en pude mellem knæ og ankler, og en "
            "lille pude under maven kan også hjælpe. En lang graviditetspude er en mulighed, "
            "men almindelige puder virker fint.\n\n"
            "Når du skal op, ruller du først om på siden, lader benene glide ud over "
            "sengekanten og skubber dig op med armene.\n\n"
            "Hvis smerterne ofte vækker dig, så fortæl det til din læge eller fysioterapeut – "
            "der er tit mere, I kan gøre sammen."
        ),
        "body_en": (
            "Good sleep makes the nervous system less sensitive, so it is worth making your "
            "nights as easy as you can.\n\n"
            "Turning over in bed is often one of the hardest movements. These tips help many "
            "women:\n"
            "- A satin sheet or satin pyjamas reduce friction, so you slide round more "
            "easily.\n"
            "- Bend your knees, put your feet on the mattress and roll over in one calm "
            "movement – or turn in a few stages, whichever feels easiest.\n"
            "- Breathe out and gently tighten your pelvic floor and tummy as you turn.\n\n"
            "Many women are comfortable lying on their side with a pillow between the knees "
            "and ankles, and a small pillow under the bump can help too. A long pregnancy "
            "pillow is an option, but ordinary pillows work fine.\n\n"
            "When you get up, roll onto your side first, let your legs slide over the edge of "
            "the bed and push yourself up with your arms.\n\n"
            "If pain often wakes you, tell your GP or physiotherapist – there is often more "
            "you can do together."
        ),
    },
    {
        "slug": "pelvic-belt",
        "key_message": "belt_optional",
        "title_da": "Bækkenbælte – en mulig ekstra støtte",
        "title_en": "Pelvic belt – a possible extra support",
        "body_da": (
            "Et bækkenbælte er et blødt, fleksibelt bælte, som sidder lavt om hofterne. Nogle "
            "kvinder synes, at det giver en rar følelse af støtte, især når de står eller går "
            "længe, for eksempel på arbejdet eller på en lang gåtur.\n\n"
            "Bæltet er et supplement og ikke en behandling i sig selv. Dit bækken er stabilt "
            "uden bælte; bæltet kan give en følelse af støtte, der gør det lettere at holde "
            "dig aktiv.\n\n"
            "- Prøv det til de aktiviteter, hvor du plejer at få ondt, som at stå eller gå "
            "længe.\n"
            "- Du behøver ikke have det på hele dagen eller om natten.\n"
            "- Tag det gerne af, når du sidder eller ligger.\n"
            "- Hjælper det ikke, eller er det ubehageligt, kan du roligt lade være med at "
            "bruge det.\n\n"
            "Din fysioterapeut kan vise dig, hvordan du tager det på, så det sidder godt og "
            "lavt på bækkenet. Bliv ved med dine øvelser og din daglige aktivitet – det er det, "
            "der gør den største forskel på længere sigt."
        ),
        "body_en": (
            "A pelvic belt is a soft, flexible belt worn low around the hips. Some women find "
            "that it gives a pleasant feeling of support, especially when they stand or walk "
            "for a long time, for example at work or on a long walk.\n\n"
            "The belt is a supplement, not a treatment on its own. Your pelvis is stable "
            "without a belt; the belt can give a feeling of support that makes it easier to "
            "stay active.\n\n"
            "- Try it for the activities where you usually get pain, such as standing or "
            "walking for a long time.\n"
            "- You do not need to wear it all day or at night.\n"
            "- Feel free to take it off when you sit or lie down.\n"
            "- If it does not help or feels uncomfortable, it is fine to leave it out.\n\n"
            "Your physiotherapist can show you how to put it on so it sits comfortably low on "
            "the pelvis. Keep up your exercises and daily activity – that is what makes the "
            "biggest difference in the long run."
        ),
    },
    {
        "slug": "work-with-pelvic-pain",
        "key_message": "work",
        "title_da": "Arbejde med bækkensmerter",
        "title_en": "Working with pelvic girdle pain",
        "body_da": (
            "For de fleste hjælper det at blive på arbejdet, måske med nogle ændringer. "
            "Arbejdet giver struktur, fællesskab og bevægelse, og det er alt sammen godt mod "
            "smerter.\n\n"
            "Tal med din leder om, hvad der kan gøre dine dage lettere. Det kan for eksempel "
            "være:\n"
            "- at veksle mellem at sidde, stå og gå og holde flere korte pauser\n"
            "- en liggende pause til frokost, hvis der er et sted at ligge\n"
            "- en god stol, et hæve-sænkebord eller en ståstøtte\n"
            "- færre tunge løft og mindre stående arbejde i en periode\n"
            "- fleksible arbejdstider, hjemmearbejde nogle dage eller kortere dage\n\n"
            "Er en fuld arbejdsdag for hård, selv med ændringer, er delvis sygemelding en "
            "mulighed. Så arbejder du nogle af dine timer og bevarer din daglige rytme. Nogle "
            "har brug for at være helt sygemeldt, men det er bedst, når det ikke er det første "
            "skridt.\n\n"
            "Din læge kan hjælpe dig med at finde ud af, hvad der passer til dig, og med de "
            "papirer, der skal udfyldes. En fysioterapeut kan give råd om stillinger og "
            "bevægelse i netop dit job."
        ),
        "body_en": (
            "For most women it helps to stay at work, perhaps with some changes. Work gives "
            "structure, company and movement, and all of that is good for pain.\n\n"
            "Talk with your manager about what could make your days easier. For example:\n"
            "- switching between sitting, standing and walking, with more short breaks\n"
            "- a lying rest at lunchtime, if there is somewhere to lie down\n"
            "- a good chair, a sit-stand desk or a perching stool\n"
            "- fewer heavy lifts and less standing work for a while\n"
            "- flexible hours, working from home some days or shorter days\n\n"
            "If a full working day is too hard even with changes, partial sick leave is an "
            "option. You then work some of your hours and keep your daily rhythm. Some women "
            "need full sick leave, but it works best when it is not the first step.\n\n"
            "Your GP can help you work out what suits you and help with the paperwork. A "
            "physiotherapist can give advice on positions and movement in your particular "
            "job."
        ),
    },
    {
        "slug": "keep-training",
        "key_message": "training",
        "title_da": "Fortsæt din egen træning",
        "title_en": "Keep up your own training",
        "body_da": (
            "Var du aktiv før graviditeten, kan du som regel fortsætte med den træning, du "
            "kender og holder af, med små tilpasninger. Aktivitet hjælper både på smerterne og "
            "på dit generelle velbefindende, og den er også god for dit barn.\n\n"
            "Sådan kan du tilpasse:\n"
            "- sæt vægten, tempoet eller antallet af gentagelser ned en tid\n"
            "- byt de øvelser, der tydeligt øger smerten, ud med nogle, der føles fine\n"
            "- hold en rolig vejrtrækning, og pust ud, når du løfter\n"
            "- ved moderat intensitet skal du kunne tale, mens du træner\n\n"
            "Var du ikke aktiv før, er det nu et godt tidspunkt at begynde, for eksempel med "
            "gåture, svømning eller et hold for gravide.\n\n"
            "Sundhedsstyrelsen fraråder kontaktsport og sport med risiko for sammenstød samt "
            "skiløb og ridning under graviditeten. Det skyldes risikoen for fald og slag mod "
            "maven – ikke dit bækken.\n\n"
            "Er du i tvivl om, hvordan du kommer i gang igen, kan en fysioterapeut hjælpe dig "
            "med en plan, der passer til din krop og dine mål."
        ),
        "body_en": (
            "If you were active before your pregnancy, you can usually carry on with the "
            "training you know and enjoy, with small adjustments. Activity helps both the pain "
            "and your general wellbeing, and it is good for your baby too.\n\n"
            "Ways to adjust:\n"
            "- lower the weight, the pace or the number of repetitions for a while\n"
            "- swap exercises that clearly increase the pain for ones that feel fine\n"
            "- keep a calm breathing rhythm and breathe out as you lift\n"
            "- at moderate intensity you should be able to talk while you train\n\n"
            "If you were not active before, now is a good time to start, for example with "
            "walking, swimming or a pregnancy exercise class.\n\n"
            "The Danish Health Authority (Sundhedsstyrelsen) advises against contact and "
            "collision sports, skiing and horse riding during pregnancy. This is because of the "
            "risk of falls and blows to the tummy – not because of your pelvis.\n\n"
            "If you are unsure how to get back into your training, a physiotherapist can help "
            "you with a plan that fits your body and your goals."
        ),
    },
    {
        "slug": "after-the-birth",
        "key_message": "after_birth",
        "title_da": "Efter fødslen",
        "title_en": "After the birth",
        "body_da": (
            "De fleste mærker, at smerterne letter i ugerne og månederne efter fødslen. Kroppen "
            "bærer ikke længere graviditeten, og nervesystemet falder gradvist til ro.\n\n"
            "Bliv ved med at bevæge dig på de måder, der føles fine. Korte gåture med "
            "barnevognen, knibeøvelser og de blide øvelser fra dit program er en god start. "
            "Byg gradvist op, lidt mere hver uge, mod de aktiviteter og den træning, du holder "
            "af.\n\n"
            "Et lille barn betyder mange løft, meget bæren og mange måltider i løbet af "
            "døgnet. Skift stilling, brug puder til at støtte dig selv og barnet, "
            "når du ammer eller giver flaske, og tag imod hjælp, når den bliver tilbudt.\n\n"
            "Omkring 8 uger efter fødslen bliver du tilbudt en undersøgelse hos din egen læge. "
            "Fortæl gerne her, hvordan dit bækken har det.\n\n"
            "Kontakt din læge eller fysioterapeut, hvis smerterne ikke er tydeligt på vej væk "
            "cirka 3 måneder efter fødslen – eller før, hvis de bekymrer dig eller står i vejen "
            "for din hverdag. Der er god hjælp at få, og det er aldrig for sent."
        ),
        "body_en": (
            "Most women notice that the pain eases in the weeks and months after the birth. "
            "Your body no longer carries the pregnancy, and the nervous system gradually "
            "settles.\n\n"
            "Keep moving in the ways that feel fine. Short walks with the pram, pelvic floor "
            "exercises and the gentle exercises from your programme are a good start. Build up "
            "gradually, a little more each week, towards the activities and training you "
            "enjoy.\n\n"
            "A new baby means a lot of lifting, carrying and feeding. Change positions, use "
            "pillows to support yourself and your baby while you breastfeed or bottle-feed, "
            "and accept help when it is offered.\n\n"
            "About 8 weeks after the birth you will be offered a check with your own GP. Feel "
            "free to say how your pelvis is doing.\n\n"
            "Contact your GP or physiotherapist if the pain has not clearly settled about 3 "
            "months after the birth – or earlier if it worries you or gets in the way of "
            "everyday life. Good help is available, and it is never too late."
        ),
    },
    {
        "slug": "when-to-get-help",
        "key_message": "seek_help",
        "title_da": "Hvornår du skal søge hjælp med det samme",
        "title_en": "When to get help straight away",
        "body_da": (
            "Bækkensmerter er ikke farlige, men nogle få tegn skal altid ses på hurtigt. Vent "
            "ikke til din næste aftale, hvis du mærker noget af dette.\n\n"
            "Ring 112 med det samme, hvis du får:\n"
            "- følelsesløshed omkring endetarmsåbningen eller kønsdelene eller nye problemer "
            "med at styre vandladning eller afføring\n"
            "- kraftnedsættelse i begge ben eller smerter, der stråler ned i begge ben\n"
            "- et hævet, smertende ben, smerter i brystet eller pludselig åndenød\n\n"
            "Ring til dit fødested med det samme, hvis du får:\n"
            "- veer eller regelmæssige sammentrækninger før uge 37\n"
            "- blødning fra skeden, eller hvis der siver vand fra skeden\n"
            "- at barnet bevæger sig mindre, end du plejer at mærke\n"
            "- pludselige, konstante smerter og en hård mave\n"
            "- stærk hovedpine, sløret syn eller pludselig hævelse af ansigt, hænder eller "
            "fødder\n\n"
            "Kontakt din læge eller lægevagten samme dag, hvis du får feber sammen med "
            "smerter i ryggen eller i siden.\n\n"
            "Er du i tvivl, er det altid i orden at ringe og spørge."
        ),
        "body_en": (
            "Pelvic girdle pain is not dangerous, but a few signs should always be checked "
            "quickly. Do not wait for your next appointment if you notice any of these.\n\n"
            "Call 112 straight away if you have:\n"
            "- numbness around your bottom or genitals, or new problems controlling your "
            "bladder or bowels\n"
            "- weakness in both legs, or pain running down both legs\n"
            "- a swollen, painful leg, chest pain or sudden shortness of breath\n\n"
            "Call your birth unit (fødested) straight away if you have:\n"
            "- contractions or regular tightenings before week 37\n"
            "- bleeding from the vagina, or fluid leaking\n"
            "- your baby moving less than you are used to\n"
            "- sudden, constant pain with a hard tummy\n"
            "- a severe headache, blurred vision or sudden swelling of the face, hands or "
            "feet\n\n"
            "Contact your GP or the out-of-hours doctor (lægevagt) the same day if you have a "
            "fever together with pain in your back or side.\n\n"
            "If you are unsure, it is always all right to call and ask."
        ),
    },
]
