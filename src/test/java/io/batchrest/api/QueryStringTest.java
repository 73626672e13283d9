package io.batchrest.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The raw query strings that clients send, as JAX-RS gets them to read, and those that are refused. */
class QueryStringTest {

    @Test
    void charactersThatJavaNetUriRefusesArePercentEncoded() {
        assertEquals("createTime=%3E1d&jobInstanceId=%3C1500", QueryString.uriSafe("createTime=>1d&jobInstanceId=<1500"));
        assertEquals("exitStatus=%22a%20b%22%7C%5C%5E%60%7B%7D", QueryString.uriSafe("exitStatus=\"a b\"|\\^`{}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jobName=chunk*&page=2", "jobParameter.x=a%20b", "sort=-createTime,jobName",
            "exitStatus=a:b;c/d?e@f$g+h!i~j'k(l)m[n]", "jobName=caf\u00e9"})
    void aQueryThatJavaNetUriAcceptsIsLeftAsItIs(String query) {
        assertSame(query, QueryString.uriSafe(query));
        URI.create("https://localhost/x?" + query);
    }

    @Test
    void everyEncodedQueryIsAValidUri() {
        StringBuilder everyAsciiCharacter = new StringBuilder("v=");
        for (char c = 1; c < 0x80; c++) {
            if (c != '%' && c != '#') {
                everyAsciiCharacter.append(c);
            }
        }
        URI uri = URI.create("https://localhost/x?" + QueryString.uriSafe(everyAsciiCharacter.toString()));
        assertEquals(everyAsciiCharacter.toString(), uri.getQuery());
    }

    @Test
    void aPercentThatStartsNoEscapeIsRefusedNamingTheParameter() {
        assertEquals(Optional.of(new QueryString.Refusal("jobName", "The jobName value is not valid: '%' must start "
                + "an escape of two hexadecimal digits (write a literal '%' as %25).")),
                QueryString.refusal("page=1&jobName=%zz"));
        assertTrue(QueryString.refusal("exitStatus=50%").isPresent());
        assertTrue(QueryString.refusal("exitStatus=%4").isPresent());
        assertEquals("job%Name", QueryString.refusal("job%Name=1").orElseThrow().parameter());
        assertTrue(QueryString.refusal("exitStatus=%\u0663\u0663").isPresent(), "digits of other scripts are no hex");
    }

    @Test
    void aSingleValuedParameterRepeatedWithDifferentValuesIsRefused() {
        assertEquals("jobInstanceId", QueryString.refusal("jobInstanceId=1&jobInstanceId=abc").orElseThrow()
                .parameter());
        assertEquals("jobParameter.kind", QueryString.refusal("jobParameter.kind=a&jobParameter.kind=b")
                .orElseThrow().parameter());
        assertEquals("page", QueryString.refusal("page=1&page=%31%30").orElseThrow().parameter());
    }

    @Test
    void repeatingAMultiValuedFilterOrTheSameValueIsAccepted() {
        assertEquals(Optional.empty(), QueryString.refusal("jobName=a&jobName=b&submitter=x&submitter=y"
                + "&exitStatus=1&exitStatus=2&appName=p&appName=q"));
        assertEquals(Optional.empty(), QueryString.refusal("page=1&page=%31&&pageSize=5"));
    }
}
