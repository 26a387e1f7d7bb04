package com.picksdigest.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimException;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;

/**
 * DKIM-signs outgoing messages (rsa-sha256, relaxed/relaxed) with utils-mail-dkim.
 *
 * <p>The signature is computed when the returned message is written ({@code writeTo}, which is what
 * {@code Transport.sendMessage} calls), so it always matches the bytes that leave. Safe for concurrent
 * use: {@link DkimSigner} keeps a {@code Signature} and a {@code MessageDigest} as mutable state, so
 * every signed message gets a signer of its own; only the immutable private key is shared.
 */
public final class DkimSigning {

    /** Beyond the library's defaults; a header absent from a message is simply not listed in h=. */
    private static final List<String> SIGNED_HEADERS = List.of(
            "From",
            "To",
            "Subject",
            "Date",
            "Message-ID",
            "MIME-Version",
            "Content-Type",
            "List-Id",
            "List-Unsubscribe",
            "List-Unsubscribe-Post");

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
     * @throws IllegalArgumentException if the file cannot be read or holds no usable RSA key, or the domain is invalid
     */
    public static DkimSigning load(String domain, String selector, Path pemFile) {
        DkimSigning signing = new DkimSigning(domain, selector, readKey(pemFile));
        try {
            signing.newSigner(); // fail at startup, not at the first send
        } catch (DkimException e) {
            throw new IllegalArgumentException(
                    "DKIM signing for domain \"" + domain + "\" with the key in " + pemFile + " cannot be set up: "
                            + e.getMessage() + ".",
                    e);
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
            return new SignedMessage(message, newSigner());
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot prepare the message for DKIM signing: " + e.getMessage(), e);
        }
    }

    private DkimSigner newSigner() {
        DkimSigner signer = new DkimSigner(domain, selector, key);
        signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
        signer.setHeaderCanonicalization(Canonicalization.RELAXED);
        signer.setBodyCanonicalization(Canonicalization.RELAXED);
        signer.setCheckDomainKey(false); // a DNS lookup per message; the operator checks the record once, out of band
        SIGNED_HEADERS.forEach(signer::addHeaderToSign);
        return signer;
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

    /** Keeps the Message-ID that the caller chose: a saveChanges() on the copy (Transport.send does one) must not mint a new one. */
    private static final class SignedMessage extends DkimMessage {
        SignedMessage(MimeMessage message, DkimSigner signer) throws MessagingException {
            super(message, signer);
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (getHeader("Message-ID", null) == null) super.updateMessageID();
        }
    }
}
