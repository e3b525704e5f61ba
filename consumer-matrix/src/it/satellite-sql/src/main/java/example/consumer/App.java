// A JDBC app that wraps its DataSource in X-Ray's TracingDataSource: each query is a subsegment.
package example.consumer;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.sql.TracingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

public final class App {
  public static void main(String[] args) throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1");
    h2.setUser("app");
    try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders (id INT PRIMARY KEY, total INT)");
      s.execute("INSERT INTO orders VALUES (1, 42)");
    }

    DataSource dataSource = TracingDataSource.decorate(h2);
    AWSXRay.beginSegment("order-lookup");
    try (Connection c = dataSource.getConnection();
        PreparedStatement query = c.prepareStatement("SELECT total FROM orders WHERE id = ?")) {
      query.setInt(1, 1);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        System.out.println("order 1 total: " + rs.getInt(1));
      }
    } finally {
      AWSXRay.endSegment();
    }
  }
}
