package dev.parley.outbound;

import dev.parley.core.media.DenyList;
import dev.parley.core.webhook.HttpTransport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The address policy as the HTTP client's {@link DnsResolver}: the client connects only to the addresses this
 * returns, so the addresses checked are the addresses connected to, and a DNS answer that changes between a check
 * and a connect cannot slip past. A host name on the deny list, or a name any of whose addresses is denied, is
 * refused with {@link HttpTransport.AddressDenied} naming the address and the setting ({@code PARLEY_MEDIA_DENY},
 * {@code PARLEY_WEBHOOK_DENY}). IP literals in URLs come through here too.
 *
 * <p>With a proxy (the JVM's proxy settings), the client resolves only the proxy's name: the policy then applies
 * to the proxy, and the proxy decides where the request goes.
 */
public final class AddressPolicy implements DnsResolver {

    /** Resolves host names; the system resolver unless a test replaces it. */
    @FunctionalInterface
    public interface Lookup {
        InetAddress[] resolve(String host) throws UnknownHostException;

        Lookup SYSTEM = InetAddress::getAllByName;
    }

    private final DenyList deny;
    private final String setting;
    private final Lookup lookup;

    /** @param setting the name of the setting that holds {@code deny}, for the refusal's message */
    public AddressPolicy(DenyList deny, String setting, Lookup lookup) {
        this.deny = deny;
        this.setting = setting;
        this.lookup = lookup;
    }

    public AddressPolicy(DenyList deny, String setting) {
        this(deny, setting, Lookup.SYSTEM);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (deny.deniesHost(name)) {
            throw new HttpTransport.AddressDenied("host " + name + " denied by " + setting);
        }
        InetAddress[] addresses = lookup.resolve(name);
        // One denied address refuses the name: a name that also points at a metadata endpoint is not trusted.
        for (InetAddress address : addresses) {
            if (deny.denies(address)) {
                throw new HttpTransport.AddressDenied("address " + address.getHostAddress()
                        + (name.equals(address.getHostAddress()) ? "" : " of " + name) + " denied by " + setting);
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
