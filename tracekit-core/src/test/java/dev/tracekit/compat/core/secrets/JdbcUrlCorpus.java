package dev.tracekit.compat.core.secrets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * JDBC URLs and connection strings in the shapes drivers use, carrying planted credentials
 * ({@link TestSecrets#secret}), each with the URL a trace may show: the same without them. Shared
 * by the shim's tests and the test fixtures', which must strip them alike.
 */
public final class JdbcUrlCorpus {
  /** One URL with credentials and what is left once they are stripped. */
  public static final class Case {
    public final String url;
    public final String stripped;

    Case(String url, String stripped) {
      this.url = url;
      this.stripped = stripped;
    }

    @Override
    public String toString() {
      // Test names show the shape, not the secret.
      return url.replace(TestSecrets.MARKER, "…");
    }
  }

  private static final String PW = TestSecrets.secret("pw");
  private static final String USER = TestSecrets.secret("user");

  private JdbcUrlCorpus() {}

  /** Returns every case. */
  public static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    // User info after "//", including unencoded and percent-encoded characters in the password.
    add(cases, "jdbc:postgresql://%U:%P@db.example.com/orders", "jdbc:postgresql://db.example.com/orders");
    add(cases, "jdbc:postgresql://%U:p@ss%P@db.example.com:5432/orders",
        "jdbc:postgresql://db.example.com:5432/orders");
    add(cases, "jdbc:postgresql://%U%40corp:%P%2Fx%40y@db/orders", "jdbc:postgresql://db/orders");
    add(cases, "jdbc:postgresql://%U@db/orders", "jdbc:postgresql://db/orders");
    add(cases, "jdbc:h2:tcp://%U:%P@localhost/~/test", "jdbc:h2:tcp://localhost/~/test");
    // Query strings, with user info too, in any case, percent-encoded, before a fragment.
    add(cases, "jdbc:mysql://%U:%P@db:3306/shop?password=%P&user=%U",
        "jdbc:mysql://db:3306/shop?password=&user=");
    add(cases, "jdbc:mysql://db:3306/shop?user=%U&password=%P&useSSL=true",
        "jdbc:mysql://db:3306/shop?user=&password=&useSSL=true");
    add(cases, "jdbc:postgresql://db/orders?PassWord=%P&ssl=true", "jdbc:postgresql://db/orders?PassWord=&ssl=true");
    add(cases, "jdbc:postgresql://db/orders?password=%P%26x%3Dy&ssl=true",
        "jdbc:postgresql://db/orders?password=&ssl=true");
    add(cases, "jdbc:postgresql://db/orders?sslpassword=%P&pwd=%P#f", "jdbc:postgresql://db/orders?sslpassword=&pwd=#f");
    add(cases, "jdbc:snowflake://acct.snowflakecomputing.com/?user=%U&private_key_file_pwd=%P&token=%P",
        "jdbc:snowflake://acct.snowflakecomputing.com/?user=&private_key_file_pwd=&token=");
    // ;-separated properties: SQL Server (with a braced value holding ";"), H2, DB2.
    add(cases, "jdbc:sqlserver://db;user=%U;password=%P", "jdbc:sqlserver://db;user=;password=");
    add(cases, "jdbc:sqlserver://db:1433;databaseName=shop;user=%U;password={a;%P@b};encrypt=true",
        "jdbc:sqlserver://db:1433;databaseName=shop;user=;password=;encrypt=true");
    add(cases, "jdbc:sqlserver://db;authentication=ActiveDirectoryServicePrincipal;aadSecurePrincipalSecret=%P",
        "jdbc:sqlserver://db;authentication=ActiveDirectoryServicePrincipal;aadSecurePrincipalSecret=");
    add(cases, "jdbc:h2:mem:test;USER=%U;PASSWORD=%P", "jdbc:h2:mem:test;USER=;PASSWORD=");
    add(cases, "jdbc:db2://db:50000/shop:user=%U;password=%P;", "jdbc:db2://db:50000/shop:user=;password=;");
    // Oracle's user/password@, before a host, a //host or a TNS description.
    add(cases, "jdbc:oracle:thin:%U/%P@db:1521:orcl", "jdbc:oracle:thin:@db:1521:orcl");
    add(cases, "jdbc:oracle:thin:%U/p@ss%P@//db:1521/svc", "jdbc:oracle:thin:@//db:1521/svc");
    add(cases, "jdbc:oracle:oci:%U/%P@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db)(PORT=1521)))",
        "jdbc:oracle:oci:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db)(PORT=1521)))");
    // MySQL's address-equals and key-value host forms.
    add(cases, "jdbc:mysql://address=(host=db)(port=3306)(user=%U)(password=%P)/shop",
        "jdbc:mysql://address=(host=db)(port=3306)(user=)(password=)/shop");
    add(cases, "jdbc:mysql://(host=db,port=3306,user=%U,password=%P)/shop",
        "jdbc:mysql://(host=db,port=3306,user=,password=)/shop");
    // connection_string, ADO.NET style, with the password first or later.
    add(cases, "Server=tcp:db,1433;Database=shop;User Id=%U;Password=%P;",
        "Server=tcp:db,1433;Database=shop;User Id=;Password=;");
    add(cases, "Password=%P;Server=db;Uid=%U", "Password=;Server=db;Uid=");
    return Collections.unmodifiableList(cases);
  }

  private static void add(List<Case> cases, String template, String stripped) {
    cases.add(new Case(template.replace("%U", USER).replace("%P", PW), stripped));
  }
}
