package io.switchboard.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Token buckets for sign-in, one per account (normalised e-mail, whether or not such an account exists, so a refusal
 * says nothing about which e-mails exist) and one per source address. An attempt takes a token from both before its
 * password is checked; a successful sign-in gives the source's token back and forgets the account's bucket, so only
 * failed attempts count. Taking the token first (not after the check) means a burst of parallel attempts cannot all
 * slip through before the first failure is counted.
 *
 * <p>State is local to this instance and bounded: each map keeps at most {@link SignInLimits#trackedKeys()} keys and
 * drops a key once its bucket would be full again anyway (ADR 0004, "Sign-in throttling").
 */
@ApplicationScoped
public class SignInThrottle {

    /** Longest key kept: no e-mail is longer (RFC 5321), and endless input must not make endless keys. */
    static final int MAX_KEY_LENGTH = 254;

    /** What {@link #admit} decided. */
    public record Decision(boolean admitted, Limit limitedBy, Duration retryAfter) {

        static final Decision ADMITTED = new Decision(true, null, Duration.ZERO);
    }

    /** Which limit refused an attempt. */
    public enum Limit { ACCOUNT, SOURCE }

    private SignInLimits limits;
    private Cache<String, Bucket> accounts;
    private Cache<String, Bucket> sources;
    private TimeMeter time;

    protected SignInThrottle() {
        // for the CDI proxy
    }

    @Inject
    public SignInThrottle(
            @ConfigProperty(name = "switchboard.signin.account.attempts", defaultValue = "5") int accountAttempts,
            @ConfigProperty(name = "switchboard.signin.account.refill-seconds", defaultValue = "60") long accountRefill,
            @ConfigProperty(name = "switchboard.signin.source.attempts", defaultValue = "20") int sourceAttempts,
            @ConfigProperty(name = "switchboard.signin.source.period-seconds", defaultValue = "60") long sourcePeriod,
            @ConfigProperty(name = "switchboard.signin.tracked-keys", defaultValue = "20000") int trackedKeys) {
        this(new SignInLimits(accountAttempts, Duration.ofSeconds(accountRefill), sourceAttempts,
                Duration.ofSeconds(sourcePeriod), trackedKeys), System::nanoTime);
    }

    /** With its own clock, for tests. */
    SignInThrottle(SignInLimits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanoClock.getAsLong();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        // A bucket left alone this long is full again, so forgetting it changes nothing.
        this.accounts = cache(limits.accountRefill().multipliedBy(limits.accountAttempts()), nanoClock);
        this.sources = cache(limits.sourcePeriod(), nanoClock);
    }

    private Cache<String, Bucket> cache(Duration idle, LongSupplier nanoClock) {
        return Caffeine.newBuilder()
                .maximumSize(limits.trackedKeys())
                .expireAfterAccess(idle)
                .ticker(nanoClock::getAsLong)
                // Housekeeping on the calling thread: no container-unmanaged pool threads, and tests see it at once.
                .executor(Runnable::run)
                .build();
    }

    /**
     * Takes one attempt from the account's and the source's buckets.
     *
     * @param email  as typed (normalised here)
     * @param source the caller's address
     * @return admitted, or which limit refused and how long until the next attempt may be made
     */
    public Decision admit(String email, String source) {
        Bucket sourceBucket = sources.get(sourceKey(source), k -> sourceBucket());
        ConsumptionProbe bySource = sourceBucket.tryConsumeAndReturnRemaining(1);
        if (!bySource.isConsumed()) {
            return new Decision(false, Limit.SOURCE, Duration.ofNanos(bySource.getNanosToWaitForRefill()));
        }
        ConsumptionProbe byAccount = accounts.get(accountKey(email), k -> accountBucket())
                .tryConsumeAndReturnRemaining(1);
        if (!byAccount.isConsumed()) {
            // Nothing will be checked, so this attempt does not count against the source.
            sourceBucket.addTokens(1);
            return new Decision(false, Limit.ACCOUNT, Duration.ofNanos(byAccount.getNanosToWaitForRefill()));
        }
        return Decision.ADMITTED;
    }

    /** The admitted attempt signed in: the account starts afresh, and the source's attempt does not count. */
    public void succeeded(String email, String source) {
        accounts.invalidate(accountKey(email));
        refundSource(source);
    }

    /** The admitted attempt was not made after all (no password check slot): neither limit counts it. */
    public void notTried(String email, String source) {
        Optional.ofNullable(accounts.getIfPresent(accountKey(email))).ifPresent(b -> b.addTokens(1));
        refundSource(source);
    }

    private void refundSource(String source) {
        Optional.ofNullable(sources.getIfPresent(sourceKey(source))).ifPresent(b -> b.addTokens(1));
    }

    /** @return the account key for what was typed as e-mail: normalised, and never longer than an e-mail can be */
    public static String accountKey(String email) {
        String normal = AccountDirectory.normalise(email);
        return normal.length() > MAX_KEY_LENGTH ? normal.substring(0, MAX_KEY_LENGTH) : normal;
    }

    private static String sourceKey(String source) {
        String key = source == null ? "" : source;
        return key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) : key;
    }

    /** @return accounts and sources currently remembered (for tests) */
    long trackedKeys() {
        accounts.cleanUp();
        sources.cleanUp();
        return accounts.estimatedSize() + sources.estimatedSize();
    }

    private Bucket accountBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(limits.accountAttempts()).refillGreedy(1, limits.accountRefill()))
                .withCustomTimePrecision(time)
                .build();
    }

    private Bucket sourceBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(limits.sourceAttempts())
                        .refillGreedy(limits.sourceAttempts(), limits.sourcePeriod()))
                .withCustomTimePrecision(time)
                .build();
    }
}
