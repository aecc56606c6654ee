package dev.ordersaga.auth.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the signing key in a PKCS#8 PEM file: generated on the first start (2048-bit RSA, file
 * mode 600, parent directories created), loaded on every later start, so a restart keeps every
 * issued token valid. Two instances starting at once on a shared volume end up with the same key:
 * the file appears atomically (a fully written temp file is hard-linked into place), and the
 * loser of the race loads the winner's key.
 */
public final class JwtKeyStore {

    static final int KEY_SIZE = 2048;
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Logger log = LoggerFactory.getLogger(JwtKeyStore.class);

    private final Path path;

    public JwtKeyStore(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    public Path path() {
        return path;
    }

    /** The key in the file, or a new one written to the file if there is none yet. */
    public SigningKey loadOrCreate() {
        if (Files.exists(path)) {
            return load();
        }
        try {
            SigningKey created = create();
            log.info("generated a new JWT signing key {} at {}", created.keyId(), path);
            return created;
        } catch (FileAlreadyExistsException raced) {
            return load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JWT signing key to " + path, e);
        }
    }

    /** The key in the file; fails if there is none or it is not an RSA key of at least 2048 bits. */
    public SigningKey load() {
        try {
            String pem = Files.readString(path, StandardCharsets.US_ASCII);
            SigningKey key = fromPem(pem);
            log.info("loaded JWT signing key {} from {}", key.keyId(), path);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JWT signing key from " + path, e);
        }
    }

    private SigningKey create() throws IOException {
        SigningKey key = generate();
        Path parent = path.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent, ownerOnly(OWNER_ONLY_DIR));
        }
        Path temp = Files.createTempFile(parent, ".jwt-signing-key", ".tmp", ownerOnly(OWNER_READ_WRITE));
        try {
            Files.writeString(temp, toPem(key), StandardCharsets.US_ASCII);
            publish(temp);
        } finally {
            Files.deleteIfExists(temp);
        }
        return key;
    }

    /** Puts the fully written file in place without ever replacing a key someone else wrote. */
    private void publish(Path temp) throws IOException {
        try {
            Files.createLink(path, temp);
        } catch (UnsupportedOperationException noHardLinks) {
            Files.move(temp, path);
        }
    }

    static SigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE);
            var pair = generator.generateKeyPair();
            return SigningKey.of((RSAPublicKey) pair.getPublic(), (RSAPrivateCrtKey) pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    static String toPem(SigningKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.privateKey().getEncoded());
        return BEGIN + "\n" + body + "\n" + END + "\n";
    }

    static SigningKey fromPem(String pem) {
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("the JWT signing key file is not a PKCS#8 PEM private key");
        }
        String base64 = pem.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
        try {
            var factory = KeyFactory.getInstance("RSA");
            var privateKey = factory.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
                throw new IllegalStateException("the JWT signing key has no public parameters (not an RSA CRT key)");
            }
            if (crt.getModulus().bitLength() < KEY_SIZE) {
                throw new IllegalStateException("the JWT signing key is shorter than " + KEY_SIZE + " bits");
            }
            var publicKey = (RSAPublicKey)
                    factory.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return SigningKey.of(publicKey, crt);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the JWT signing key file cannot be read as an RSA key", e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }
}
