"""The older name of `rotate_keys` (kept so that existing run books keep working)."""

from .rotate_keys import Command as RotateKeys


class Command(RotateKeys):
    help = "The older name of rotate_keys: " + RotateKeys.help
