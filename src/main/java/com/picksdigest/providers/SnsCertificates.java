package com.picksdigest.providers;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.picksdigest.outbound.GuardedHttp;
import com.picksdigest.outbound.OutboundException;
import com.picksdigest.outbound.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The certificates SNS signs messages with, fetched only from {@code https://sns.REGION.amazonaws.com/....pem}: the
 * TLS connection to Amazon's host (checked against the JVM's trusted authorities, through the guarded client) is what
 * makes the certificate Amazon's. Kept a day, so a burst of notifications costs one fetch.
 */
public final class SnsCertificates {
    /** Where SNS keeps its signing certificates and confirmation links: Amazon's SNS host of a region, over https. */
    static final Pattern SNS_HOST = Pattern.compile("sns\\.[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}\\.amazonaws\\.com");

    private final GuardedHttp http;
    private final Clock clock;
    private final Cache<URI, X509Certificate> cache = Caffeine.newBuilder()
            .maximumSize(64)
            .expireAfterWrite(Duration.ofHours(24))
            .build();

    SnsCertificates(GuardedHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** Whether {@code url} is an https URL on an SNS host (default port, no user info): the only place we fetch. */
    static boolean onSnsHost(URI url) {
        return url != null
                && "https".equals(url.getScheme())
                && url.getRawUserInfo() == null
                && url.getPort() == -1
                && url.getHost() != null
                && SNS_HOST.matcher(url.getHost()).matches();
    }

    /** The public key of the signing certificate at {@code url}. */
    PublicKey key(URI url) throws HookRefused {
        if (!onSnsHost(url) || !url.getRawPath().endsWith(".pem") || url.getRawQuery() != null) {
            throw new HookRefused(
                    403, "the signing certificate is not on an SNS host (https://sns.REGION.amazonaws.com/...pem)");
        }
        X509Certificate cert = cache.getIfPresent(url);
        if (cert == null) {
            cert = fetch(url);
            cache.put(url, cert);
        }
        try {
            cert.checkValidity(Date.from(clock.instant()));
        } catch (GeneralSecurityException e) {
            throw new HookRefused(403, "the SNS signing certificate is expired or not yet valid");
        }
        return cert.getPublicKey();
    }

    private X509Certificate fetch(URI url) throws HookRefused {
        Response r;
        try {
            r = http.get(url, Map.of("Accept", "application/x-pem-file"));
        } catch (OutboundException e) {
            // SNS tries again later: a 503 asks it to
            throw new HookRefused(503, "the SNS signing certificate could not be fetched: " + e.getMessage());
        }
        if (!onSnsHost(r.url())) {
            throw new HookRefused(403, "the SNS signing certificate URL redirects off the SNS host");
        }
        if (r.status() != 200) {
            throw new HookRefused(503, "the SNS signing certificate could not be fetched: HTTP " + r.status());
        }
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(r.body()));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new HookRefused(403, "the SNS signing certificate URL does not hold an X.509 certificate");
        }
    }
}
