package com.picksdigest.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * DKIM-signs outgoing messages, digests and notices alike: rsa-sha256, relaxed/relaxed (RFC 6376).
 *
 * <p>The headers a reader trusts are over-signed: each is named once more in h= than it occurs, and a verifier hashes
 * that extra instance as absent. A copy with one more From, To, Subject... added anywhere (a client shows the first)
 * then no longer verifies, so the signature cannot lend our domain to a replayed message with new headers. This is
 * why the signing is ours: utils-mail-dkim, used before, keeps the names to sign in a set and lists only the headers
 * present, so it cannot over-sign. Apache jDKIM verifies every signature in the tests.
 *
 * <p>The signature is computed when the returned message is written ({@code writeTo}, which is what sending calls),
 * over exactly the bytes written, so it always matches the bytes that leave. Safe for concurrent use: each signature
 * gets its own {@code Signature} and {@code MessageDigest}; only the immutable private key is shared.
 */
public final class DkimSigning {

    /** Named once more in h= than they occur: none can be added to a signed message. */
    private static final List<String> OVER_SIGNED = List.of(
            "From", "To", "Subject", "Date", "Message-ID", "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post");
    /** Signed as often as they occur, not named when absent. */
    private static final List<String> SIGNED =
            List.of("MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Reply-To", "Cc", "Sender");

    private static final Pattern DNS_NAME = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final int LINE = 76;

    private final String domain;
    private final String selector;
    private final RSAPrivateKey key;

    private DkimSigning(String domain, String selector, RSAPrivateKey key) {
        this.domain = domain;
        this.selector = selector;
        this.key = key;
    }

    /**
     * Reads an RSA private key from a PEM file, PKCS#8 ("BEGIN PRIVATE KEY") or PKCS#1
     * ("BEGIN RSA PRIVATE KEY"), unencrypted.
     *
     * @throws IllegalArgumentException if the file cannot be read or holds no usable RSA key, or the domain or
     *     selector is not a DNS name
     */
    public static DkimSigning load(String domain, String selector, Path pemFile) {
        String problem = !DNS_NAME.matcher(domain).matches() || !domain.contains(".")
                ? "the domain must be a DNS name with a dot, such as example.org"
                : !DNS_NAME.matcher(selector).matches() ? "the selector must be a DNS name, such as s2026" : null;
        if (problem != null) {
            throw new IllegalArgumentException("DKIM signing for domain \"" + domain + "\" with selector \"" + selector
                    + "\" cannot be set up: " + problem + ".");
        }
        DkimSigning signing = new DkimSigning(domain, selector, readKey(pemFile));
        try {
            signing.signatureField("From: x@example.org\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalStateException e) { // fail at startup, not at the first send
            throw new IllegalArgumentException(
                    "DKIM signing with the key in " + pemFile + " cannot be set up: " + e.getMessage() + ".", e);
        }
        return signing;
    }

    /**
     * Returns a copy of {@code message} that gains a DKIM-Signature header whenever it is written.
     * The copy is taken through {@code message.writeTo}, so an unsaved message gets Jakarta Mail's
     * {@code saveChanges()} first (which replaces its Message-ID unless its class keeps it).
     */
    public MimeMessage sign(MimeMessage message) {
        try {
            return new SignedMessage(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot prepare the message for DKIM signing: " + e.getMessage(), e);
        }
    }

    /** The DKIM-Signature header field, CRLF included, for a message of these bytes (CRLF line ends). */
    byte[] signatureField(byte[] message) {
        try {
            RelaxedCanonicalization.Parsed parsed = RelaxedCanonicalization.parse(message);
            byte[] bodyHash =
                    RelaxedCanonicalization.bodyHash(message, parsed.bodyStart(), MessageDigest.getInstance("SHA-256"));
            StringBuilder hashed = new StringBuilder(1024);
            List<String> names = new ArrayList<>();
            for (List<String> group : List.of(OVER_SIGNED, SIGNED)) {
                for (String name : group) {
                    List<RelaxedCanonicalization.Field> present = parsed.fields().stream()
                            .filter(f -> f.name().strip().equalsIgnoreCase(name))
                            .toList();
                    // a verifier takes instances from the bottom up, and hashes a name beyond the last as nothing
                    for (int i = present.size() - 1; i >= 0; i--) {
                        RelaxedCanonicalization.Field f = present.get(i);
                        hashed.append(RelaxedCanonicalization.header(f.name(), f.rawValue()))
                                .append("\r\n");
                        names.add(name);
                    }
                    if (group == OVER_SIGNED) names.add(name);
                }
            }
            String unsigned = unsignedValue(names, Base64.getEncoder().encodeToString(bodyHash));
            hashed.append(RelaxedCanonicalization.header("DKIM-Signature", unsigned));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(hashed.toString().getBytes(StandardCharsets.ISO_8859_1));
            String b = Base64.getEncoder().encodeToString(rsa.sign());
            StringBuilder field = new StringBuilder("DKIM-Signature: ").append(unsigned);
            for (int i = 0; i < b.length(); i += LINE - 4) {
                if (i > 0) field.append("\r\n\t");
                field.append(b, i, Math.min(b.length(), i + LINE - 4));
            }
            return field.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("rsa-sha256 signing failed: " + e.getMessage(), e);
        }
    }

    /** The tags up to an empty b=, one group per line; h= folded so that its lines stay under 76 characters. */
    private String unsignedValue(List<String> names, String bodyHash) {
        StringBuilder h = new StringBuilder("\r\n\th=");
        int column = 3;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) + (i + 1 < names.size() ? ":" : ";");
            if (column + name.length() > LINE) {
                h.append("\r\n\t");
                column = 1;
            }
            h.append(name);
            column += name.length();
        }
        return "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector + ";\r\n\tt="
                + System.currentTimeMillis() / 1000 + ";" + h + "\r\n\tbh=" + bodyHash + ";\r\n\tb=";
    }

    private static RSAPrivateKey readKey(Path pemFile) {
        Object pem;
        try (Reader reader = Files.newBufferedReader(pemFile, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            pem = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "The DKIM key file " + pemFile + " cannot be read as PEM (" + e + ").", e);
        }
        PrivateKeyInfo info;
        if (pem instanceof PrivateKeyInfo pkcs8) {
            info = pkcs8;
        } else if (pem instanceof PEMKeyPair pkcs1) {
            info = pkcs1.getPrivateKeyInfo();
        } else {
            String found = pem == null
                    ? "no PEM object"
                    : "a " + pem.getClass().getSimpleName() + " (encrypted or not a private key)";
            throw new IllegalArgumentException("The DKIM key file " + pemFile + " holds " + found
                    + ", not an unencrypted RSA private key in PEM (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY).");
        }
        PrivateKey key;
        try {
            key = new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "The DKIM key file " + pemFile + " holds a key that cannot be decoded: " + e.getMessage() + ".", e);
        }
        if (!(key instanceof RSAPrivateKey rsa)) {
            throw new IllegalArgumentException("The DKIM key file " + pemFile + " holds a " + key.getAlgorithm()
                    + " key, but rsa-sha256 signing needs an RSA key.");
        }
        if (rsa.getModulus().bitLength() < 1024) { // RFC 8301: verifiers must not accept shorter keys
            throw new IllegalArgumentException("The DKIM key file " + pemFile + " holds a "
                    + rsa.getModulus().bitLength()
                    + "-bit RSA key, but DKIM needs at least 1024 bits (2048 recommended).");
        }
        return rsa;
    }

    /**
     * A copy of the message that signs what it writes. It keeps the Message-ID that the caller chose: a saveChanges()
     * on the copy (Transport.send does one) must not mint a new one.
     */
    private final class SignedMessage extends MimeMessage {
        SignedMessage(MimeMessage message) throws MessagingException {
            super(message);
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (getHeader("Message-ID", null) == null) super.updateMessageID();
        }

        @Override
        public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
            ByteArrayOutputStream unsigned = new ByteArrayOutputStream(32 * 1024);
            super.writeTo(unsigned, ignoreList);
            byte[] bytes = unsigned.toByteArray();
            out.write(signatureField(bytes));
            out.write(bytes);
        }
    }
}
