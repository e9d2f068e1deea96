from shopdesk.domain.passwords import hash_password, password_problem, verify_password


def test_hash_and_verify():
    stored = hash_password("secret12")
    assert stored.startswith("scrypt$") and "secret12" not in stored
    assert verify_password("secret12", stored)
    assert not verify_password("secret13", stored)
    assert hash_password("secret12") != stored  # fresh salt
    assert not verify_password("x", "garbage")


def test_short_password():
    assert password_problem("abc")
    assert password_problem("abcdef") is None
