package dev.tracekit.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The flags and the variable an X-Ray daemon user knows, their defaults, and what is refused. */
class BridgeOptionsTest {
  private static final Map<String, String> NO_VARIABLES = Collections.emptyMap();

  @Test
  void withoutFlagsOrVariableBothAreLoopbackPort2000() throws Exception {
    BridgeOptions options = BridgeOptions.parse(new String[0], NO_VARIABLES);

    assertThat(options.udp).isEqualTo(new InetSocketAddress("127.0.0.1", 2000));
    assertThat(options.tcp).isEqualTo(new InetSocketAddress("127.0.0.1", 2000));
    assertThat(options.udp.getAddress().isLoopbackAddress()).isTrue();
    assertThat(options.tcp.getAddress().isLoopbackAddress()).isTrue();
    assertThat(options.forwardTo).isNull();
    assertThat(options.samplingRules).isNull();
    assertThat(options.receiveBufferBytes).isEqualTo(BridgeOptions.DEFAULT_RECEIVE_BUFFER);
    assertThat(options.help).isFalse();
  }

  @Test
  void shortFlags() throws Exception {
    BridgeOptions options = parse("-b", "127.0.0.1:3000", "-t", "127.0.0.2:3001");

    assertThat(options.udp).isEqualTo(new InetSocketAddress("127.0.0.1", 3000));
    assertThat(options.tcp).isEqualTo(new InetSocketAddress("127.0.0.2", 3001));
  }

  @Test
  void longFlagsWithAndWithoutEquals() throws Exception {
    BridgeOptions options =
        parse(
            "--bind=127.0.0.1:3000",
            "--bind-tcp", "127.0.0.1:3001",
            "--forward-to=127.0.0.1:2000",
            "--sampling-rules", "rules.json",
            "--receive-buffer=65536");

    assertThat(options.udp).isEqualTo(new InetSocketAddress("127.0.0.1", 3000));
    assertThat(options.tcp).isEqualTo(new InetSocketAddress("127.0.0.1", 3001));
    assertThat(options.forwardTo).isEqualTo(new InetSocketAddress("127.0.0.1", 2000));
    assertThat(options.samplingRules).isEqualTo(Paths.get("rules.json"));
    assertThat(options.receiveBufferBytes).isEqualTo(65536);
  }

  @Test
  void helpInEitherForm() throws Exception {
    assertThat(parse("-h").help).isTrue();
    assertThat(parse("--help").help).isTrue();
  }

  @Test
  void theVariablesHostAndPortIsBoth() throws Exception {
    BridgeOptions options = BridgeOptions.parse(new String[0], variable(" 127.0.0.1:4000 "));

    assertThat(options.udp).isEqualTo(new InetSocketAddress("127.0.0.1", 4000));
    assertThat(options.tcp).isEqualTo(new InetSocketAddress("127.0.0.1", 4000));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp:127.0.0.1:4001 udp:127.0.0.1:4002", "udp:127.0.0.1:4002 tcp:127.0.0.1:4001", "udp:127.0.0.1:4002   tcp:127.0.0.1:4001"})
  void theVariableNamesEachInEitherOrder(String value) throws Exception {
    BridgeOptions options = BridgeOptions.parse(new String[0], variable(value));

    assertThat(options.udp).isEqualTo(new InetSocketAddress("127.0.0.1", 4002));
    assertThat(options.tcp).isEqualTo(new InetSocketAddress("127.0.0.1", 4001));
  }

  @Test
  void flagsWinOverTheVariableOneByOne() throws Exception {
    Map<String, String> both = variable("tcp:127.0.0.1:4001 udp:127.0.0.1:4002");

    BridgeOptions udpFlag = BridgeOptions.parse(new String[] {"-b", "127.0.0.1:5000"}, both);
    assertThat(udpFlag.udp.getPort()).isEqualTo(5000);
    assertThat(udpFlag.tcp.getPort()).isEqualTo(4001);

    BridgeOptions tcpFlag = BridgeOptions.parse(new String[] {"--bind-tcp=127.0.0.1:5001"}, both);
    assertThat(tcpFlag.udp.getPort()).isEqualTo(4002);
    assertThat(tcpFlag.tcp.getPort()).isEqualTo(5001);
  }

  @Test
  void anEmptyVariableIsNotThere() throws Exception {
    BridgeOptions options = BridgeOptions.parse(new String[0], variable("  "));

    assertThat(options.udp).isEqualTo(new InetSocketAddress("127.0.0.1", 2000));
  }

  @Test
  void ipv6InBrackets() throws Exception {
    BridgeOptions options = parse("-b", "[::1]:2000", "-t", "[::1]:2001");

    assertThat(options.udp.getAddress().getHostAddress()).isIn("0:0:0:0:0:0:0:1", "::1");
    assertThat(options.udp.getPort()).isEqualTo(2000);
    assertThat(options.tcp.getPort()).isEqualTo(2001);
    assertThat(BridgeOptions.parse(new String[0], variable("[::1]:2002")).tcp.getPort()).isEqualTo(2002);
  }

  @Test
  void anAddressWithoutAPortIsRefused() {
    assertUsage(new String[] {"-b", "127.0.0.1"}, "127.0.0.1", "HOST:PORT");
    assertUsage(new String[] {"-t", "127.0.0.1:"}, "127.0.0.1:", "HOST:PORT");
    assertUsage(new String[] {"--bind="}, "HOST:PORT");
    assertUsage(new String[] {"--forward-to", "[::1]"}, "--forward-to", "HOST:PORT");
  }

  @Test
  void aPortOutOfRangeOrNotANumberIsRefused() {
    assertUsage(new String[] {"-b", "127.0.0.1:65536"}, "65536", "out of range");
    assertUsage(new String[] {"-t", "127.0.0.1:-1"}, "-1", "out of range");
    assertUsage(new String[] {"-b", "127.0.0.1:udp"}, "'udp' is not a port");
  }

  @Test
  void anUnknownOptionIsRefused() {
    assertUsage(new String[] {"--bindd", "127.0.0.1:2000"}, "Unknown option --bindd");
    assertUsage(new String[] {"-x"}, "Unknown option -x");
    assertUsage(new String[] {"127.0.0.1:2000"}, "Unknown option 127.0.0.1:2000");
  }

  @Test
  void aMissingValueIsRefused() {
    assertUsage(new String[] {"-b"}, "-b needs a value");
    assertUsage(new String[] {"-h", "--bind-tcp"}, "--bind-tcp needs a value");
    assertUsage(new String[] {"--forward-to"}, "--forward-to needs a value");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "lots", "2147483648"})
  void aReceiveBufferThatIsNotAPositiveNumberIsRefused(String value) {
    assertUsage(new String[] {"--receive-buffer", value}, "--receive-buffer", value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1", // no port
        "127.0.0.1:99999", // port out of range
        "udp:127.0.0.1:2000", // one of the two only
        "tcp:127.0.0.1:2000 udp:127.0.0.1:2001 udp:127.0.0.1:2002", // three
        "udp:127.0.0.1:2000 udp:127.0.0.1:2001", // the same twice
        "tcp:127.0.0.1:2000 127.0.0.1:2001", // one unnamed
      })
  void aBadVariableIsRefusedNamingTheVariable(String value) {
    assertThatThrownBy(() -> BridgeOptions.parse(new String[0], variable(value)))
        .isInstanceOf(BridgeOptions.UsageException.class)
        .hasMessageContaining(BridgeOptions.ADDRESS_VARIABLE);
  }

  @Test
  void aBadVariableIsNotReadWhenBothFlagsAreGiven() throws Exception {
    BridgeOptions options =
        BridgeOptions.parse(new String[] {"-b", "127.0.0.1:1", "-t", "127.0.0.1:2"}, variable("nonsense"));

    assertThat(options.udp.getPort()).isEqualTo(1);
    assertThat(options.tcp.getPort()).isEqualTo(2);
  }

  private static BridgeOptions parse(String... args) throws BridgeOptions.UsageException {
    return BridgeOptions.parse(args, NO_VARIABLES);
  }

  private static Map<String, String> variable(String value) {
    return Collections.singletonMap(BridgeOptions.ADDRESS_VARIABLE, value);
  }

  private static void assertUsage(String[] args, String... words) {
    assertThatThrownBy(() -> parse(args))
        .isInstanceOf(BridgeOptions.UsageException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains(words));
  }
}
