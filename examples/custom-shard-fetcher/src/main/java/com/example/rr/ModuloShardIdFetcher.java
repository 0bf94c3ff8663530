package com.example.rr;

import dev.rr.common.routing.ShardIdFetcher;
import dev.rr.common.routing.ShardIdRequest;
import dev.rr.common.routing.ShardIdResponse;
import java.util.Arrays;
import java.util.List;

/**
 * Routes a row the way the application sharded MySQL before the migration: by {@code id mod N}
 * over a list of logical shards. Parameters (the reader's {@code shardingCustomParameters}):
 * {@code column=customer_id;shards=shard1,shard2,shard3} - the column holding the id, and the
 * logical shard ids in the order the application numbered them.
 *
 * <p>A row without the column (or with NULL in it) gets no shard; the reader then keeps the
 * record in its unknown-shard directory and counts it, instead of guessing.
 */
public class ModuloShardIdFetcher implements ShardIdFetcher {
  private String column;
  private List<String> shards;

  @Override
  public void init(String customParameters) {
    for (String part : customParameters.split(";")) {
      String[] pair = part.split("=", 2);
      if (pair.length != 2) {
        throw new IllegalArgumentException(
            "expected column=<name>;shards=<id>,<id>,..., got a part without '='");
      }
      switch (pair[0].trim()) {
        case "column" -> column = pair[1].trim();
        case "shards" -> shards = Arrays.stream(pair[1].split(",")).map(String::trim).toList();
        default -> throw new IllegalArgumentException("unknown parameter " + pair[0].trim());
      }
    }
    if (column == null || shards == null || shards.isEmpty()) {
      throw new IllegalArgumentException("both column=<name> and shards=<id>,... are required");
    }
  }

  @Override
  public ShardIdResponse getShardId(ShardIdRequest request) {
    Object value = request.row().get(column);
    if (value == null) {
      return new ShardIdResponse(null);
    }
    // INT64 arrives as Long; a STRING id column holding digits is accepted too.
    long id = value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
    return new ShardIdResponse(shards.get((int) Math.floorMod(id, (long) shards.size())));
  }
}
