// A MySQL app on a tomcat-jdbc pool configured with X-Ray's mysql TracingInterceptor: each statement is a subsegment.
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
    // No MySQL here: an H2 server on loopback plays the database server the pool connects to.
    System.setProperty("h2.bindAddress", "127.0.0.1");
    Connection schema = DriverManager.getConnection("jdbc:h2:mem:inventory", "app", "");
    try (Statement s = schema.createStatement()) {
      s.execute("CREATE TABLE stock (sku VARCHAR(16) PRIMARY KEY, quantity INT)");
    }
    Server database = Server.createTcpServer("-tcpPort", "0").start();
    try {
      PoolProperties pool = new PoolProperties();
      pool.setDriverClassName("org.h2.Driver");
      pool.setUrl("jdbc:h2:tcp://127.0.0.1:" + database.getPort() + "/mem:inventory");
      pool.setUsername("app");
      pool.setJdbcInterceptors("com.amazonaws.xray.sql.mysql.TracingInterceptor");
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
    AWSXRay.beginSegment("inventory-service");
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO stock VALUES (?, ?)")) {
        insert.setString(1, "A-1");
        insert.setInt(2, 7);
        insert.executeUpdate();
      }
      try (PreparedStatement query = c.prepareStatement("SELECT quantity FROM stock WHERE sku = ?")) {
        query.setString(1, "A-1");
        try (ResultSet rs = query.executeQuery()) {
          rs.next();
          System.out.println("A-1 in stock: " + rs.getInt(1));
        }
      }
    } finally {
      AWSXRay.endSegment();
    }
  }
}
