from pgp_clinic.gunicorn_logging import access_fields


def test_the_access_log_leaves_out_the_token_of_her_link(link):
    for path in (link.get_absolute_url(), link.get_absolute_url() + "pain/"):
        logged = access_fields({"PATH_INFO": path, "REQUEST_METHOD": "GET"}, 200, 10, 0.01)
        assert link.token not in logged["path"] and logged["path"].startswith("/p/[token]/")
    other = access_fields({"PATH_INFO": "/patients/", "REQUEST_METHOD": "GET"}, 200, 10, 0.01)
    assert other["path"] == "/patients/"
