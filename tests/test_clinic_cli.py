"""`kiosk history` and `kiosk export` against the clinic server: every kiosk's sessions, with its name."""

import csv
import io

from clinic_kiosk import PAIN, record_session
from pgserver import clinic_url, pg_cluster  # noqa: F401  (fixtures)

from kiosk.__main__ import main
from kiosk.records import server, sync
from kiosk.records.store import KIOSK_NAME, Records


def two_kiosks(tmp_path, url: str) -> None:
    for name, sessions in (("gym-1", 2), ("desk-2", 1)):
        records = Records.open(tmp_path / name).records
        records.set_setting(KIOSK_NAME, name)
        for _ in range(sessions):
            record_session(records)
        sync.copy_waiting(records.conn, server.connect(url))
        records.close()


def test_history_against_the_server_shows_each_kiosks_name(tmp_path, clinic_url, capsys, monkeypatch):
    two_kiosks(tmp_path, clinic_url)
    monkeypatch.setenv(server.URL_ENV, clinic_url)
    assert main(["history", "--data", str(tmp_path / "nothing-here")]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[-1] == "kiosk"
    assert sorted(line.split()[-1] for line in lines[1:4]) == ["desk-2", "gym-1", "gym-1"]
    assert "3 sessions" in out


def test_export_against_the_server_has_every_kiosks_answers(tmp_path, clinic_url, capsys):
    two_kiosks(tmp_path, clinic_url)
    assert main(["export", "--database", clinic_url, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert len(rows) == 3 * len(PAIN)
    assert sorted({row["kiosk"] for row in rows}) == ["desk-2", "gym-1"]
    assert main(["export", "--database", clinic_url, "--format", "fhir"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3


def test_a_wrong_password_is_a_clear_message_without_the_password(pg_cluster, clinic_url, capsys):
    wrong = clinic_url.replace(pg_cluster.password, "Wrong-Secret-77")
    assert main(["history", "--database", wrong]) == 1
    captured = capsys.readouterr()
    assert "kiosk history: cannot use the clinic server kiosk@127.0.0.1" in captured.err
    assert "password authentication failed" in captured.err
    assert "Wrong-Secret-77" not in captured.err + captured.out
    assert main(["export", "--database", wrong]) == 1
    assert "Wrong-Secret-77" not in capsys.readouterr().err


def test_run_refuses_an_address_file_others_can_read(tmp_path, capsys):
    secret = tmp_path / "clinic.url"
    secret.write_text("postgresql://kiosk:s3cret@db.clinic/kiosk\n")
    secret.chmod(0o640)
    assert main(["run", "--database", str(secret)]) == 2
    err = capsys.readouterr().err
    assert "chmod 600" in err and "s3cret" not in err


def test_tls_settings_are_libpqs_own(pg_cluster, clinic_url, capsys):
    """sslmode passes straight to libpq: the test server speaks no TLS, so requiring it is refused clearly."""
    assert main(["history", "--database", clinic_url + "?sslmode=require"]) == 1
    err = capsys.readouterr().err
    assert "SSL" in err and pg_cluster.password not in err
