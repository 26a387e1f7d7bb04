package com.picksdigest.web.api;

import static com.picksdigest.db.generated.Tables.AUDIT_LOG;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Editions over real HTTP: the preview page's dry run as JSON, its test send to one subscriber, the reports. */
class EditionsApiTest {
    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static ApiStack stack;
    static String reports;
    static String sender;

    @BeforeAll
    static void start() {
        stack = new ApiStack(EditionsApiTest.class, smtp.getSmtp().getPort(), Map.of());
        stack.app.categories().add("AI");
        String editor = stack.key("CMS", "picks:read", "picks:write", "subscribers:write");
        reports = stack.key("Dashboard", "reports:read");
        sender = stack.key("Ops", "subscribers:write");
        HttpResponse<String> pick =
                stack.post(editor, "/api/v1/picks", PicksApiTest.pick("Preview story", "https://preview.example/a"));
        assertThat(pick.statusCode()).isEqualTo(201);
        long id = ApiStack.json(pick).get("id").asLong();
        assertThat(stack.post(editor, "/api/v1/picks/" + id + "/publish", "").statusCode())
                .isEqualTo(200);
        assertThat(stack.post(editor, "/api/v1/subscribers", "{\"email\":\"reader@example.org\",\"status\":\"active\"}")
                        .statusCode())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aDryRunPreviewAnswersThePicksAndTheRenderedPartsTheSubscriberWouldGet() {
        HttpResponse<String> r = stack.get(reports, "/api/v1/editions/preview?email=reader@example.org");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode p = ApiStack.json(r);
        assertThat(p.get("wouldSend").asBoolean()).isTrue();
        assertThat(p.get("picks").get(0).get("title").asText()).isEqualTo("Preview story");
        assertThat(p.get("html").asText()).contains("Preview story").contains("<html");
        assertThat(p.get("text").asText()).contains("Preview story");

        JsonNode forNew = ApiStack.json(stack.get(reports, "/api/v1/editions/preview?category=ai"));
        assertThat(forNew.get("for").asText()).contains("new daily subscriber following AI");
        assertThat(stack.get(reports, "/api/v1/editions/preview?email=nobody@example.org")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aTestSendMailsThatSubscribersNextDigestMarkedTestAndIsAuditedWithTheKeysName() throws Exception {
        int before = smtp.getReceivedMessages().length;
        // a reports key may look, not send
        assertThat(stack.post(reports, "/api/v1/editions/test-send", "{\"email\":\"reader@example.org\"}")
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> r = stack.post(sender, "/api/v1/editions/test-send", "{\"email\":\"reader@example.org\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(smtp.waitForIncomingEmail(10_000, before + 1)).isTrue();
        MimeMessage m = smtp.getReceivedMessages()[before];
        assertThat(m.getSubject()).startsWith("[Test]");
        assertThat(m.getAllRecipients()[0].toString()).contains("reader@example.org");
        assertThat(stack.app
                        .database()
                        .dsl()
                        .fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("test-send").and(AUDIT_LOG.ACTOR.contains("Ops"))))
                .isEqualTo(1);
        assertThat(stack.post(sender, "/api/v1/editions/test-send", "{\"email\":\"nobody@example.org\"}")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void editionsListAndReportAnswerTheReportsPagesFigures() {
        HttpResponse<String> list = stack.get(reports, "/api/v1/editions");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(ApiStack.json(list).get("items").size())
                .isEqualTo(stack.app.editionReports().editions(100).size());
        assertThat(stack.get(reports, "/api/v1/editions/2020-01-01").statusCode())
                .isEqualTo(404);
        assertThat(stack.get(reports, "/api/v1/editions/not-a-date").statusCode())
                .isEqualTo(404);
        assertThat(stack.get(sender, "/api/v1/editions").statusCode()).isEqualTo(403);
    }
}
