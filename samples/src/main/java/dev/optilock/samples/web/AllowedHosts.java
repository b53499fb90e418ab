package dev.optilock.samples.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names the app answers to, as a browser writes them in the {@code Host} header: a host name
 * or IP literal and an optional port ({@code localhost:8080}, {@code [::1]:8080}, {@code
 * admin.example.com}). A request for any other name is refused before it reaches a handler, which
 * is what defeats DNS rebinding: a page on {@code evil.example} whose name was re-pointed at
 * 127.0.0.1 reaches the app, but its requests say {@code Host: evil.example}.
 *
 * <p>The same names decide whether a state-changing request comes from one of the app's own pages
 * ({@link #crossSite}): its {@code Origin} must be {@code http://} or {@code https://} and one of
 * them.
 */
final class AllowedHosts {
  private final Set<String> names;

  private AllowedHosts(Set<String> names) {
    this.names = Set.copyOf(names);
  }

  /**
   * The {@code configured} names, or when there are none the defaults for a server bound to {@code
   * bound}: {@code 127.0.0.1}, {@code localhost} and {@code [::1]}, and the bound address unless it
   * is the wildcard, each with the bound port (and also without it on port 80).
   *
   * @throws IllegalArgumentException naming an entry that is not a host with an optional port
   */
  static AllowedHosts of(List<String> configured, InetSocketAddress bound) {
    Set<String> names = new LinkedHashSet<>();
    if (!configured.isEmpty()) {
      configured.forEach(entry -> names.add(checked(entry)));
      return new AllowedHosts(names);
    }
    int port = bound.getPort();
    List<String> hosts = new ArrayList<>(List.of("127.0.0.1", "localhost", "[::1]"));
    InetAddress address = bound.getAddress();
    if (address != null && !address.isAnyLocalAddress()) {
      String literal = address.getHostAddress();
      hosts.add(literal.contains(":") ? "[" + literal + "]" : literal);
    }
    for (String host : hosts) {
      names.add(checked(host + ":" + port));
      if (port == 80) {
        names.add(checked(host));
      }
    }
    return new AllowedHosts(names);
  }

  /**
   * {@code entry} in the form the app compares: the host in lower case (an IPv6 literal in its full
   * form, in brackets) and the port, if any, without leading zeros.
   *
   * @throws IllegalArgumentException when it is not a host with an optional port
   */
  static String checked(String entry) {
    String name = normalize(entry);
    if (name == null) {
      throw new IllegalArgumentException("an allowed host is a host name or IP address with an optional"
          + " port, such as admin.example.com, localhost:8080 or [::1]:8080, not \"" + entry + "\"");
    }
    return name;
  }

  /** Whether {@code text} is a host with an optional port at all (allowed or not). */
  static boolean isHost(String text) {
    return normalize(text) != null;
  }

  /** Whether {@code host}, a {@code Host} header or the authority of a request URI, is one of the names. */
  boolean allows(String host) {
    String name = normalize(host);
    return name != null && names.contains(name);
  }

  /**
   * Why a state-changing request does not come from one of the app's own pages, or {@code null} when
   * it does or when nothing says where it comes from. The first of these headers that is present
   * decides: {@code Origin} (which every current browser sends with a POST, PUT, PATCH or DELETE),
   * {@code Sec-Fetch-Site} (only {@code same-origin} and {@code none}, typed by the user, pass),
   * {@code Referer}. A request with none of them comes from a program such as curl, not from a page
   * in a browser, so no other site can have sent it through the user's browser.
   */
  String crossSite(String origin, String fetchSite, String referer) {
    String refused = "this address accepts changes only from this app's own pages, and the request"
        + " came from another site";
    if (origin != null) {
      return isOwn(origin) ? null : refused;
    }
    if (fetchSite != null) {
      String site = fetchSite.strip().toLowerCase(Locale.ROOT);
      return site.equals("same-origin") || site.equals("none") ? null : refused;
    }
    if (referer != null) {
      return isOwn(referer) ? null : refused;
    }
    return null;
  }

  /** Whether {@code url} (an origin, or a whole URL) is http or https on one of the names. */
  private boolean isOwn(String url) {
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme();
      return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          && uri.getRawUserInfo() == null && allows(uri.getRawAuthority());
    } catch (URISyntaxException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return String.join(", ", names);
  }

  /** The canonical form of {@code host[:port]}, or {@code null} when it is anything else. */
  private static String normalize(String authority) {
    if (authority == null) {
      return null;
    }
    String host;
    String rest;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        return null;
      }
      host = ipv6(authority.substring(1, close));
      rest = authority.substring(close + 1);
    } else {
      int colon = authority.indexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      rest = colon < 0 ? "" : authority.substring(colon);
      if (host.isEmpty() || !host.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c)
          || c == '-' || c == '.' || c == '_'))) {
        return null;
      }
      host = host.toLowerCase(Locale.ROOT);
    }
    if (host == null) {
      return null;
    }
    if (rest.isEmpty()) {
      return host;
    }
    String port = rest.substring(1);
    if (!rest.startsWith(":") || port.isEmpty() || port.length() > 5
        || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    int number = Integer.parseInt(port);
    return number < 1 || number > 65535 ? null : host + ":" + number;
  }

  /** The bracketed full form of an IPv6 literal, or {@code null} when {@code text} is not one. */
  private static String ipv6(String text) {
    if (text.isEmpty() || !text.contains(":")
        || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
      return null;
    }
    try {
      // a literal with a colon is parsed, never looked up
      return "[" + InetAddress.getByName(text).getHostAddress() + "]";
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
