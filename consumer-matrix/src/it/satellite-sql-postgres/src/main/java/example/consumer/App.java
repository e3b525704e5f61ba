// A PostgreSQL app on a tomcat-jdbc pool configured with X-Ray's postgres TracingInterceptor: each statement is a subsegment.
package example.consumer;

import com.amazonaws.xray.AWSXRay;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;
import org.h2.tools.Server;

public final class App {
  public static void main(String[] args) throws Exception {
    // No PostgreSQL here: an H2 server on loopback plays the database server the pool connects to.
    System.setProperty("h2.bindAddress", "127.0.0.1");
    Connection schema = DriverManager.getConnection("jdbc:h2:mem:billing", "app", "");
    try (Statement s = schema.createStatement()) {
      s.execute("CREATE TABLE invoices (id INT PRIMARY KEY, amount_cents BIGINT)");
    }
    Server database = Server.createTcpServer("-tcpPort", "0").start();
    try {
      PoolProperties pool = new PoolProperties();
      pool.setDriverClassName("org.h2.Driver");
      pool.setUrl("jdbc:h2:tcp://127.0.0.1:" + database.getPort() + "/mem:billing");
      pool.setUsername("app");
      pool.setJdbcInterceptors("com.amazonaws.xray.sql.postgres.TracingInterceptor");
      DataSource dataSource = new DataSource(pool);
      try {
        run(dataSource);
      } finally {
        dataSource.close();
      }
    } finally {
      database.stop();
      schema.close();
    }
  }

  private static void run(DataSource dataSource) throws Exception {
    AWSXRay.beginSegment("billing-service");
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO invoices VALUES (?, ?)")) {
        insert.setInt(1, 1001);
        insert.setLong(2, 4250L);
        insert.executeUpdate();
      }
      try (PreparedStatement query = c.prepareStatement("SELECT amount_cents FROM invoices WHERE id = ?")) {
        query.setInt(1, 1001);
        try (ResultSet rs = query.executeQuery()) {
          rs.next();
          System.out.println("invoice 1001: " + rs.getLong(1) + " cents");
        }
      }
    } finally {
      AWSXRay.endSegment();
    }
  }
}
