package com.picksdigest.demo;

import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.picks.Categories;
import com.picksdigest.picks.PickInput;
import com.picksdigest.picks.PickService;
import com.picksdigest.subscribers.SubscriberInput;
import com.picksdigest.subscribers.SubscriberService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/** Sample picks (all published in the last hours) and subscribers whose send hour is now, so all are due. */
public final class DemoData {
    private record Pick(
            String title, String category, String source, String url, int minutesAgo, String summary, String image) {
        Pick(String title, String category, String source, String url, int minutesAgo, String summary) {
            this(title, category, source, url, minutesAgo, summary, null);
        }
    }

    private static final List<Pick> PICKS = List.of(
            new Pick(
                    "Microsoft & Mayo Clinic Team Up to Build a Healthcare-Specific AI Model",
                    "AI Whole Tech",
                    "AI News via Google News",
                    "https://news.example.com/ai/microsoft-mayo-clinic-healthcare-model",
                    50,
                    "The two will train a model on de-identified clinical data to help radiologists draft reports, "
                            + "with Mayo clinicians reviewing every output before it reaches a patient record.",
                    "ai"),
            new Pick(
                    "Open-weight model tops coding benchmark at a tenth of the size",
                    "AI Whole Tech",
                    "The Batch",
                    "https://news.example.com/ai/small-model-coding-benchmark",
                    95,
                    "A 7B-parameter model trained mostly on synthetic programs matched models ten times larger on "
                            + "repository-level tasks; the authors publish weights and the data recipe."),
            new Pick(
                    "Why evaluation sets leak into training data, and how to check yours",
                    "AI Whole Tech",
                    "Hacker News",
                    "https://news.example.com/ai/eval-contamination",
                    140,
                    "A practical walk-through of n-gram overlap checks and canary strings for teams building their own evals."),
            new Pick(
                    "Critical OpenSSH flaw patched in 9.9p2",
                    "Security",
                    "LWN.net",
                    "https://news.example.com/security/openssh-9-9p2",
                    70,
                    "A race in the privilege-separation monitor could let an authenticated user escalate; "
                            + "distributions shipped fixes the same day.",
                    "security"),
            new Pick(
                    "Passkeys now default for new accounts at three major banks",
                    "Security",
                    "The Register",
                    "https://news.example.com/security/banks-passkeys",
                    160,
                    "Password sign-up is still offered but hidden behind a \"more options\" link; fraud teams report "
                            + "fewer account takeovers in pilot regions."),
            new Pick(
                    "Postgres 18 ships asynchronous I/O",
                    "Open Source",
                    "PostgreSQL News",
                    "https://news.example.com/oss/postgres-18-aio",
                    110,
                    "Sequential scans and vacuum issue reads ahead through io_uring on Linux, with gains of up to 3x on "
                            + "cloud block storage.",
                    "open-source"),
            new Pick(
                    "The Linux kernel drops support for i486",
                    "Open Source",
                    "Phoronix",
                    "https://news.example.com/oss/linux-drops-i486",
                    200,
                    "Maintainers argue the emulation code for missing instructions cost more than the handful of users it served."),
            new Pick(
                    "Webb spots water vapour around a rocky exoplanet",
                    "Science",
                    "Nature News",
                    "https://news.example.com/science/webb-water-rocky-planet",
                    80,
                    "Transmission spectra of GJ 9827 d suggest a steam-rich atmosphere, the clearest such signal yet for a "
                            + "world this small.",
                    "science"),
            new Pick(
                    "Room-temperature sodium batteries pass 5,000 cycles",
                    "Science",
                    "Ars Technica",
                    "https://news.example.com/science/sodium-battery-cycles",
                    230,
                    "A new electrolyte additive keeps dendrites in check; the team expects grid-storage pilots next year."),
            new Pick(
                    "Rust in the kernel: <unsafe> blocks & what reviewers look for",
                    "Open Source",
                    "Kernel Newbies",
                    "https://news.example.com/oss/rust-kernel-unsafe-review",
                    35,
                    "Escaping check: the angle brackets and ampersand in this title must show as text in the HTML digest."));

    /** One reader per shipped language, so the demo shows each of them. */
    private record Sub(
            String email,
            String name,
            String zone,
            String format,
            boolean weekly,
            List<String> categories,
            String locale) {}

    private static final List<Sub> SUBSCRIBERS = List.of(
            new Sub(
                    "ada@example.org",
                    "Ada Lovelace",
                    "Europe/London",
                    "html",
                    false,
                    List.of("AI Whole Tech", "Science"),
                    "en"),
            new Sub(
                    "grace@example.org",
                    "Grace Hopper",
                    "America/New_York",
                    "text",
                    false,
                    List.of("Open Source", "Security"),
                    "de"),
            new Sub("linus@example.org", "Linus", "Europe/Helsinki", "html", false, List.of(), "fr"),
            new Sub("yukihiro@example.org", "まつもと ゆきひろ", "Asia/Tokyo", "html", true, List.of("AI Whole Tech"), "ja"),
            new Sub("margaret@example.org", null, "America/Los_Angeles", "html", false, List.of("Security"), "es"),
            new Sub("joao@example.org", "João", "America/Sao_Paulo", "html", false, List.of(), "pt-BR"),
            new Sub("layla@example.org", "ليلى", "Asia/Riyadh", "html", false, List.of(), "ar"));

    private final Categories categories;
    private final PickService picks;
    private final SubscriberService subscribers;
    private final Clock clock;
    private final String baseUrl;

    /** @param baseUrl the site's base URL (no trailing slash): the picks' images are served under it */
    public DemoData(
            Categories categories, PickService picks, SubscriberService subscribers, Clock clock, String baseUrl) {
        this.categories = categories;
        this.picks = picks;
        this.subscribers = subscribers;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    public void seed() {
        for (String c : List.of("AI Whole Tech", "Security", "Open Source", "Science")) categories.ensure(c);
        Instant now = clock.instant();
        int position = 0;
        for (Pick p : PICKS) {
            picks.add(
                    new PickInput(
                            p.title(),
                            p.url(),
                            p.summary(),
                            p.source(),
                            null,
                            p.image() == null ? null : DemoImages.url(baseUrl, p.image()),
                            p.category(),
                            position++,
                            false,
                            now.minus(Duration.ofMinutes(p.minutesAgo()))),
                    "demo");
        }
        for (Sub s : SUBSCRIBERS) {
            ZonedDateTime local = now.atZone(ZoneId.of(s.zone()));
            subscribers.add(
                    new SubscriberInput(
                            s.email(),
                            s.name(),
                            s.zone(),
                            local.getHour(),
                            s.weekly() ? "weekly" : "daily",
                            s.weekly() ? local.getDayOfWeek().getValue() : null,
                            s.format(),
                            s.locale(),
                            s.categories()),
                    SubscriberStatus.ACTIVE);
        }
    }

    public static int subscriberCount() {
        return SUBSCRIBERS.size();
    }
}
