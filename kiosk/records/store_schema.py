"""The SQLite schema of the records, as the ordered list of its migrations.

Each entry brings a database from one version to the next; `PRAGMA user_version`
says how many were applied (`Records._migrate` applies the rest in a transaction).
Entries are never edited once released: a change is a new entry at the end.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: the first schema.
    """
    CREATE TABLE sessions (
        id              INTEGER PRIMARY KEY,
        uid             TEXT NOT NULL UNIQUE,
        program_id      TEXT NOT NULL,
        program_name    TEXT NOT NULL,
        program_sha256  TEXT NOT NULL,
        program_source  TEXT NOT NULL,
        started_at      TEXT NOT NULL,
        ended_at        TEXT,
        outcome         TEXT,
        red_flag        TEXT,
        interrupted     INTEGER NOT NULL DEFAULT 0,
        notes           TEXT NOT NULL DEFAULT '[]',
        patient_ref     TEXT
    );
    CREATE INDEX sessions_started ON sessions (started_at);
    CREATE TABLE screening (
        id              INTEGER PRIMARY KEY,
        session_id      INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        flag_id         TEXT NOT NULL,
        answer          TEXT NOT NULL CHECK (answer IN ('yes', 'no')),
        during_session  INTEGER NOT NULL DEFAULT 0,
        answered_at     TEXT NOT NULL
    );
    CREATE INDEX screening_session ON screening (session_id);
    CREATE TABLE check_ins (
        id              INTEGER PRIMARY KEY,
        session_id      INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        seq             INTEGER NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('baseline', 'set', 'recheck')),
        exercise_id     TEXT,
        exercise_name   TEXT,
        role            TEXT,
        set_number      INTEGER,
        sets            INTEGER,
        pain            TEXT NOT NULL,
        numbness        TEXT NOT NULL,
        intensity       INTEGER NOT NULL CHECK (intensity BETWEEN 0 AND 10),
        weakness        INTEGER NOT NULL,
        response        TEXT,
        decision        TEXT,
        stopped_early   INTEGER NOT NULL DEFAULT 0,
        answered_at     TEXT NOT NULL,
        UNIQUE (session_id, seq)
    );
    CREATE TABLE settings (
        key             TEXT PRIMARY KEY,
        value           TEXT NOT NULL
    );
    """,
    # 2: one clinic, many kiosks. Each session carries its kiosk's name; what is not yet copied to the
    # clinic server is marked (kiosk.records.sync): a session row by its version (every change raises
    # it), an answer by `copied`. Screening answers get a sequence number, the key of their copy.
    """
    ALTER TABLE sessions ADD COLUMN kiosk_name TEXT NOT NULL DEFAULT '';
    ALTER TABLE sessions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE sessions ADD COLUMN copied_version INTEGER;
    ALTER TABLE sessions ADD COLUMN changed_at TEXT;
    UPDATE sessions SET changed_at = COALESCE(ended_at, started_at);
    CREATE INDEX sessions_waiting ON sessions (id) WHERE copied_version IS NOT version;
    ALTER TABLE screening ADD COLUMN seq INTEGER;
    UPDATE screening SET seq = (SELECT COUNT(*) FROM screening AS earlier
                                WHERE earlier.session_id = screening.session_id AND earlier.id < screening.id);
    CREATE UNIQUE INDEX screening_seq ON screening (session_id, seq);
    ALTER TABLE screening ADD COLUMN copied INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX screening_waiting ON screening (session_id) WHERE copied = 0;
    ALTER TABLE check_ins ADD COLUMN copied INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX check_ins_waiting ON check_ins (session_id) WHERE copied = 0;
    """,
    # 3: the clinic's program changes: every save and undo of the kiosk's program editor
    # (kiosk.records.program_changes). Hashes are of the program file; NULL: no file.
    """
    CREATE TABLE program_changes (
        id              INTEGER PRIMARY KEY,
        changed_at      TEXT NOT NULL,
        program_id      TEXT NOT NULL,
        action          TEXT NOT NULL CHECK (action IN ('save', 'undo')),
        sha256_before   TEXT,
        sha256_after    TEXT
    );
    CREATE INDEX program_changes_program ON program_changes (program_id, changed_at);
    """,
    # 4: the patient's language (a language code: en, es ...). Every session before it was in English.
    """
    ALTER TABLE sessions ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
    """,
    # 5: how each session ended (kiosk.clinical.ending). Sessions before it: what their outcome says; an
    # incomplete one only if it was interrupted (why the others stopped was not kept: NULL).
    """
    ALTER TABLE sessions ADD COLUMN ended_by TEXT;
    UPDATE sessions SET ended_by = CASE
        WHEN outcome = 'red_flag_stop' THEN 'red_flag'
        WHEN outcome = 'stopped_worsening' THEN 'worse'
        WHEN outcome = 'incomplete' AND interrupted THEN 'interrupted'
        WHEN outcome IN ('spinal_source_likely', 'knee_tests_recommended', 'no_distal_symptoms') THEN 'finished'
        END;
    """,
    # 6: how long each set ran: the seconds of movements and holds done and planned (rest and count-in
    # left out). NULL: not timed (a recheck, a check-in recorded before this version).
    """
    ALTER TABLE check_ins ADD COLUMN exercised_seconds INTEGER;
    ALTER TABLE check_ins ADD COLUMN planned_seconds INTEGER;
    """,
    # 7: what the therapist adds after the kiosk's part (kiosk.records.findings). Every patient reference a
    # session was given, in order (sessions.patient_ref stays the latest); every special-test result staff
    # entered, a change being a new row, with the test's name, group and verified SNOMED CT code as the catalogue
    # gave them then. Both are copied to the clinic server like the answers.
    """
    CREATE TABLE reference_changes (
        id              INTEGER PRIMARY KEY,
        session_id      INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        seq             INTEGER NOT NULL,
        patient_ref     TEXT,
        changed_at      TEXT NOT NULL,
        copied          INTEGER NOT NULL DEFAULT 0,
        UNIQUE (session_id, seq)
    );
    INSERT INTO reference_changes (session_id, seq, patient_ref, changed_at)
        SELECT id, 0, patient_ref, COALESCE(changed_at, started_at) FROM sessions WHERE patient_ref IS NOT NULL;
    CREATE INDEX reference_changes_waiting ON reference_changes (session_id) WHERE copied = 0;
    CREATE INDEX sessions_patient ON sessions (patient_ref, started_at);
    CREATE TABLE test_results (
        id              INTEGER PRIMARY KEY,
        session_id      INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        seq             INTEGER NOT NULL,
        test_id         TEXT NOT NULL,
        test_name       TEXT NOT NULL,
        test_group      TEXT NOT NULL DEFAULT '',
        snomed_code     TEXT NOT NULL DEFAULT '',
        snomed_display  TEXT NOT NULL DEFAULT '',
        result          TEXT NOT NULL CHECK (result IN ('positive', 'negative', 'not_tested', 'could_not_test')),
        side            TEXT CHECK (side IN ('left', 'right', 'both')),
        note            TEXT NOT NULL DEFAULT '',
        entered_at      TEXT NOT NULL,
        entered_by      TEXT NOT NULL DEFAULT 'staff' CHECK (entered_by = 'staff'),
        copied          INTEGER NOT NULL DEFAULT 0,
        UNIQUE (session_id, seq)
    );
    CREATE INDEX test_results_waiting ON test_results (session_id) WHERE copied = 0;
    """,
    # 8: what each program change changed, in the staff screen's words ("Saved: Press up 2 -> 3 sets"), kept
    # beside the hashes. Changes recorded before it: '' (only their hashes were kept).
    """
    ALTER TABLE program_changes ADD COLUMN summary TEXT NOT NULL DEFAULT '';
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
