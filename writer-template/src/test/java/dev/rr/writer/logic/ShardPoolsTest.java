package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rr.common.input.Shard;
import dev.rr.common.mysql.ErrorClass;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardPoolsTest {
  @Test
  void shouldFailTransientlyWhenThePoolsAreClosedUnderARunningWorker() {
    ShardPools pools = new ShardPools(2);
    ShardConnections connections =
        pools.connections(new Shard("s1", "127.0.0.1", 1, "u", "p", "db", Map.of()));

    pools.close();
    SQLException failure = assertThrows(SQLException.class, connections::get);

    // A cancelled pipeline closes its pools: that must not mark the shard ERROR.
    assertEquals(ErrorClass.TRANSIENT, ApplyErrors.classify(failure), failure.toString());
  }
}
