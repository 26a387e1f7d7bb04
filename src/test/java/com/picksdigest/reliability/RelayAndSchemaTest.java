package com.picksdigest.reliability;

import com.picksdigest.support.ScriptedSmtpServer;
import com.picksdigest.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Each test gets a migrated schema of its own and a counting relay on loopback (which it may replace). */
abstract class RelayAndSchemaTest {
    protected TestDatabase db;
    protected ScriptedSmtpServer relay;

    @BeforeEach
    void startRelayAndSchema() {
        db = TestDatabase.migrated(getClass());
        relay = ScriptedSmtpServer.start().countingOnly();
    }

    @AfterEach
    void stopRelayAndSchema() {
        relay.close();
        db.close();
    }
}
