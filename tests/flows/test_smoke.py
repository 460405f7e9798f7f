from tests.conftest import login, register


def test_health(api):
    reply = api.get("/health")
    assert reply.status == 200 and reply.json == {"status": "ok"}


def test_register_and_login(api):
    done = register(api)
    assert done["status"] == "active"
    token = login(api, done["person"]["national_code"])
    me = api.get("/me", token=token)
    assert me.status == 200, me
    assert me.json["first_name"] == "سارا"
