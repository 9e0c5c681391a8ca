"""The database schema, as an append-only list of migrations.

Migration ``n`` (1-based) brings the schema from version ``n - 1`` to ``n``. Never edit a released
migration: append a new one. Each migration runs inside one transaction together with the row that
records it in ``schema_version``, so a crash mid-migration leaves the previous version intact.

Times are seconds since the Unix epoch (UTC) as REAL. Booleans are 0/1 INTEGERs.

The same migrations build a PostgreSQL database: column types are translated there (INTEGER →
BIGINT, REAL → DOUBLE PRECISION, AUTOINCREMENT → an identity column; see ``storage/sql.py``). Write
SQL that both accept; where none exists (triggers, date functions), give both texts with
``Dialects(sqlite=..., postgres=...)``. The storage tests run every migration on both.
"""

from __future__ import annotations

from assistant.storage.sql import Dialects, Statement

MIGRATIONS: tuple[tuple[Statement, ...], ...] = (
    # 1: users, devices, pairing codes, turns, settings
    (
        """CREATE TABLE users (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            language TEXT NOT NULL DEFAULT 'zh',
            created_at REAL NOT NULL
        )""",
        """CREATE TABLE devices (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            created_at REAL NOT NULL,
            last_seen_at REAL,
            revoked_at REAL
        )""",
        """CREATE TABLE pairing_codes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            code_hash TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL,
            used_at REAL,
            device_id INTEGER REFERENCES devices(id) ON DELETE SET NULL
        )""",
        "CREATE INDEX pairing_codes_by_hash ON pairing_codes(code_hash)",
        """CREATE TABLE turns (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            device_id INTEGER REFERENCES devices(id) ON DELETE SET NULL,
            session_id TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('ws', 'phone', 'text')),
            started_at REAL NOT NULL,
            finished_at REAL NOT NULL,
            language TEXT NOT NULL DEFAULT '',
            user_text TEXT NOT NULL,
            assistant_text TEXT NOT NULL,
            heard_text TEXT NOT NULL,
            interrupted INTEGER NOT NULL DEFAULT 0 CHECK (interrupted IN (0, 1)),
            image INTEGER NOT NULL DEFAULT 0 CHECK (image IN (0, 1)),
            audio_in_s REAL NOT NULL DEFAULT 0,
            audio_out_s REAL NOT NULL DEFAULT 0,
            prompt_tokens INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            cost REAL NOT NULL DEFAULT 0,
            provider TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX turns_by_user ON turns(user_id, id)",
        "CREATE INDEX turns_by_session ON turns(session_id)",
        """CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
    ),
    # 2: Twilio calls whose media stream was opened (a replayed webhook must not open another)
    (
        """CREATE TABLE used_call_sids (
            call_sid TEXT PRIMARY KEY,
            used_at REAL NOT NULL
        )""",
        "CREATE INDEX used_call_sids_by_time ON used_call_sids(used_at)",
    ),
    # 3: alerts to the family (emergencies now; missed reminders and check-ins later), and their delivery
    (
        """CREATE TABLE alerts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            household TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL,
            category TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            created_at REAL NOT NULL,
            session_id TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'delivered', 'partly_delivered', 'failed', 'no_channel')),
            acknowledged_at REAL
        )""",
        "CREATE INDEX alerts_by_user ON alerts(user_id, id)",
        """CREATE TABLE alert_deliveries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
            channel TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('sending', 'delivered', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT NOT NULL DEFAULT '',
            updated_at REAL NOT NULL,
            UNIQUE (alert_id, channel)
        )""",
    ),
    # 4: reminders set by voice, and per-user settings (city, time zone)
    (
        """CREATE TABLE reminders (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            due_at REAL NOT NULL,
            repeat TEXT NOT NULL DEFAULT 'once' CHECK (repeat IN ('once', 'daily', 'weekly')),
            weekday INTEGER CHECK (weekday IS NULL OR weekday BETWEEN 0 AND 6),
            time_of_day TEXT NOT NULL,
            timezone TEXT NOT NULL,
            source_text TEXT NOT NULL DEFAULT '',
            created_at REAL NOT NULL,
            last_fired_at REAL,
            cancelled_at REAL
        )""",
        "CREATE INDEX reminders_by_user ON reminders(user_id, cancelled_at)",
        "CREATE INDEX reminders_by_due ON reminders(due_at) WHERE cancelled_at IS NULL",
        """CREATE TABLE user_settings (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (user_id, key)
        )""",
    ),
    # 5 (family console): households and their members (elders who talk, family who look after
    # them, one owner); every user (hence every device, turn and elder setting) belongs to one; the
    # users that existed before go to the first household as elders. Caller numbers, messages from
    # the family, and turns the elder asked to keep from the family (hidden).
    (
        """CREATE TABLE households (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            created_at REAL NOT NULL
        )""",
        Dialects(
            sqlite="INSERT INTO households (name, created_at)"
            " VALUES ('我的家', (julianday('now') - 2440587.5) * 86400.0)",
            postgres="INSERT INTO households (name, created_at) VALUES ('我的家', EXTRACT(EPOCH FROM now()))",
        ),
        """CREATE TABLE members (
            user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
            role TEXT NOT NULL DEFAULT 'elder' CHECK (role IN ('elder', 'family')),
            owner INTEGER NOT NULL DEFAULT 0 CHECK (owner IN (0, 1)),
            display_name TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            relation TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            speed REAL NOT NULL DEFAULT 1.0,
            volume REAL NOT NULL DEFAULT 1.0,
            words TEXT NOT NULL DEFAULT '[]',
            created_at REAL NOT NULL
        )""",
        "CREATE UNIQUE INDEX members_one_owner ON members(household_id) WHERE owner = 1",
        "CREATE INDEX members_by_household ON members(household_id, role)",
        """INSERT INTO members (user_id, household_id, role, display_name, created_at)
            SELECT id, (SELECT MIN(id) FROM households), 'elder', name, created_at FROM users""",
        Dialects(
            sqlite="""CREATE TRIGGER users_join_a_household AFTER INSERT ON users BEGIN
            INSERT INTO members (user_id, household_id, role, display_name, created_at)
            VALUES (NEW.id, (SELECT MIN(id) FROM households), 'elder', NEW.name, NEW.created_at);
        END""",
            postgres="""CREATE FUNCTION users_join_a_household() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO members (user_id, household_id, role, display_name, created_at)
                VALUES (NEW.id, (SELECT MIN(id) FROM households), 'elder', NEW.name, NEW.created_at);
                RETURN NEW;
            END $$;
            CREATE TRIGGER users_join_a_household AFTER INSERT ON users
                FOR EACH ROW EXECUTE FUNCTION users_join_a_household()""",
        ),
        """CREATE TABLE phone_numbers (
            number TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE
        )""",
        "ALTER TABLE turns ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1))",
        """CREATE TABLE messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
            elder_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
            author TEXT NOT NULL,
            text TEXT NOT NULL,
            created_at REAL NOT NULL,
            delivered_at REAL,
            turn_id INTEGER REFERENCES turns(id) ON DELETE SET NULL
        )""",
        "CREATE INDEX messages_by_elder ON messages(elder_id, delivered_at)",
        """CREATE TABLE summaries (
            elder_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            text TEXT NOT NULL,
            turns INTEGER NOT NULL,
            hidden INTEGER NOT NULL,
            quiet INTEGER NOT NULL CHECK (quiet IN (0, 1)),
            created_at REAL NOT NULL,
            PRIMARY KEY (elder_id, day)
        )""",
    ),
    # 6 (care loop): the scheduler's jobs (one row per occurrence of a reminder, per timed message,
    # per check-in), each claimed attempt by attempt with a conditional UPDATE; per-reminder retry
    # settings; a delivery time for family messages.
    (
        """CREATE TABLE care_jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            ref_id INTEGER,
            due_at REAL NOT NULL,
            next_at REAL NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN
                ('pending', 'acknowledged', 'done', 'escalated', 'missed', 'cancelled')),
            attempts INTEGER NOT NULL DEFAULT 0,
            retries INTEGER NOT NULL DEFAULT 2,
            retry_interval_s REAL NOT NULL DEFAULT 600,
            payload TEXT NOT NULL DEFAULT '{}',
            last_attempt_at REAL,
            last_channel TEXT NOT NULL DEFAULT '',
            claimed_by TEXT NOT NULL DEFAULT '',
            ack_at REAL,
            ack_channel TEXT NOT NULL DEFAULT '',
            alert_id INTEGER REFERENCES alerts(id) ON DELETE SET NULL,
            created_at REAL NOT NULL,
            finished_at REAL,
            UNIQUE (kind, ref_id, due_at)
        )""",
        "CREATE INDEX care_jobs_due ON care_jobs(next_at) WHERE state = 'pending'",
        "CREATE INDEX care_jobs_by_user ON care_jobs(user_id, kind, id)",
        "ALTER TABLE reminders ADD COLUMN retries INTEGER",
        "ALTER TABLE reminders ADD COLUMN retry_interval_s REAL",
        "ALTER TABLE messages ADD COLUMN deliver_at REAL",
    ),
    # 7 (family console, part 2): reminders the family paused; recorded voice messages from the
    # family (mono 16-bit PCM, decoded at upload); a small JPEG of the photo a turn asked about.
    (
        "ALTER TABLE reminders ADD COLUMN paused_at REAL",
        """CREATE TABLE message_audio (
            message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
            pcm BLOB NOT NULL,
            rate INTEGER NOT NULL,
            duration_s REAL NOT NULL
        )""",
        """CREATE TABLE turn_photos (
            turn_id INTEGER PRIMARY KEY REFERENCES turns(id) ON DELETE CASCADE,
            jpeg BLOB NOT NULL,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL
        )""",
    ),
    # 8 (calls): outbound phone calls (a reminder, a check-in, an emergency call to the family) and
    # their outcome; daily check-ins, their answers and the summary for the family.
    (
        """CREATE TABLE outbound_calls (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
            purpose TEXT NOT NULL CHECK (purpose IN ('reminder', 'checkin', 'family')),
            ref_id INTEGER,
            to_number TEXT NOT NULL,
            opening TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'queued'
                CHECK (status IN ('queued', 'placed', 'answered', 'failed', 'completed')),
            call_sid TEXT NOT NULL DEFAULT '',
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT NOT NULL DEFAULT '',
            reply TEXT NOT NULL DEFAULT '',
            reply_text TEXT NOT NULL DEFAULT '',
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        )""",
        "CREATE INDEX outbound_calls_by_user ON outbound_calls(user_id, id)",
        """CREATE TABLE checkins (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            channel TEXT NOT NULL CHECK (channel IN ('app', 'call')),
            started_at REAL NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'unanswered')),
            tries INTEGER NOT NULL DEFAULT 0,
            answers TEXT NOT NULL DEFAULT '{}',
            summary TEXT NOT NULL DEFAULT '',
            finished_at REAL
        )""",
        "CREATE INDEX checkins_by_user ON checkins(user_id, id)",
    ),
    # 9 (stateless gateways): what several gateways behind one load balancer must agree on.
    # rate_events: one row per counted event (a wrong pairing code, a pairing link made), per scope
    # and key (a client address, a code), for sliding-window limits shared by every gateway.
    # job_claims: a timed job (the evening summaries of one day) runs on the gateway that claims it.
    (
        """CREATE TABLE rate_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            scope TEXT NOT NULL,
            key TEXT NOT NULL,
            at REAL NOT NULL
        )""",
        "CREATE INDEX rate_events_by_key ON rate_events(scope, key, at)",
        "CREATE INDEX rate_events_by_time ON rate_events(at)",
        """CREATE TABLE job_claims (
            name TEXT NOT NULL,
            slot TEXT NOT NULL,
            claimed_by TEXT NOT NULL,
            claimed_at REAL NOT NULL,
            PRIMARY KEY (name, slot)
        )""",
    ),
    # 10 (call status): what Twilio's StatusCallback said of an outbound call: its status (queued,
    # ringing, in-progress, completed, busy, no-answer, failed, canceled), CallDuration and when.
    (
        "ALTER TABLE outbound_calls ADD COLUMN call_status TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE outbound_calls ADD COLUMN duration_s INTEGER",
        "ALTER TABLE outbound_calls ADD COLUMN status_at REAL",
        "CREATE INDEX outbound_calls_by_sid ON outbound_calls(call_sid)",
    ),
    # 11 (presence across gateways, storage/presence.py): which gateway holds an elder's open app
    # (refreshed by its heartbeat), and care prompts handed to that gateway by the one that fired them.
    (
        """CREATE TABLE app_presence (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            gateway TEXT NOT NULL,
            seen_at REAL NOT NULL,
            PRIMARY KEY (user_id, gateway)
        )""",
        "CREATE INDEX app_presence_by_gateway ON app_presence(gateway)",
        """CREATE TABLE care_handoffs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            gateway TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            job_id INTEGER NOT NULL REFERENCES care_jobs(id) ON DELETE CASCADE,
            prompt TEXT NOT NULL,
            audio BLOB,
            state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'taken', 'expired')),
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL,
            taken_at REAL
        )""",
        "CREATE INDEX care_handoffs_by_gateway ON care_handoffs(gateway, state)",
        "CREATE INDEX care_handoffs_by_job ON care_handoffs(job_id)",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)
