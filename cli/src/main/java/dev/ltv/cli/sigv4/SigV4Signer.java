package dev.ltv.cli.sigv4;

import dev.ltv.cli.UsageException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs requests to an API Gateway API with {@code AWS_IAM} authorisation (service {@code execute-api}) with
 * the AWS SDK's Signature Version 4 signer and the SDK's credential chain (environment, profile, SSO,
 * container, instance). Used by {@code ltv import --sigv4} and by {@code ltv dashboard --api}'s forwarding.
 */
public final class SigV4Signer implements RequestSigner {

    private static final Pattern EXECUTE_API_HOST = Pattern.compile("[^.]+\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final Clock clock;

    public SigV4Signer(AwsCredentialsProvider credentials, String region, Clock clock) {
        this.credentials = credentials;
        this.region = region;
        this.clock = clock;
    }

    /** With the default credentials; the region from the option, the API's host name or the SDK's chain. */
    public static SigV4Signer withDefaults(URI api, String region) {
        String resolved = region != null ? region : regionOf(api);
        if (resolved == null) {
            try {
                resolved = DefaultAwsRegionProviderChain.builder().build().getRegion().id();
            } catch (RuntimeException e) {
                throw new UsageException("signing needs a region: pass --region, or set AWS_REGION or a profile's region");
            }
        }
        return new SigV4Signer(DefaultCredentialsProvider.builder().build(), resolved, Clock.systemUTC());
    }

    /** The region of an {@code https://{id}.execute-api.{region}.amazonaws.com} URL, else null. */
    public static String regionOf(URI api) {
        Matcher m = EXECUTE_API_HOST.matcher(api.getHost() == null ? "" : api.getHost());
        return m.matches() ? m.group(1) : null;
    }

    public String region() {
        return region;
    }

    @Override
    public Map<String, List<String>> sign(String method, URI uri, Map<String, String> headers, byte[] body) {
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(request::putHeader);
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        Map<String, List<String>> result = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signed.request().headers().forEach(result::put);
        return result;
    }
}
