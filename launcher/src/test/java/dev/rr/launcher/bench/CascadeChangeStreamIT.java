package dev.rr.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.Mutation;
import dev.rr.testing.SpannerEmulatorExtension;
import dev.rr.testing.SpannerTestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the writer relies on when it applies with MySQL's foreign-key checks (and so MySQL's own
 * cascades) off: a Spanner delete that cascades to interleaved children or to rows of a foreign
 * key {@code ON DELETE CASCADE} puts a DELETE of every cascaded row in the change stream, in the
 * same transaction as the parent's.
 */
class CascadeChangeStreamIT {
  @RegisterExtension static SpannerEmulatorExtension spanner = new SpannerEmulatorExtension();

  @Test
  void shouldStreamADeleteOfEveryRowACascadingDeleteRemoves() {
    SpannerTestDatabase db = spanner.newDatabase(
        "CREATE TABLE Parents (Id INT64 NOT NULL) PRIMARY KEY (Id)",
        "CREATE TABLE Children (Id INT64 NOT NULL, ChildId INT64 NOT NULL) PRIMARY KEY (Id,"
            + " ChildId), INTERLEAVE IN PARENT Parents ON DELETE CASCADE",
        "CREATE TABLE Refs (RefId INT64 NOT NULL, ParentId INT64, CONSTRAINT FkParent FOREIGN KEY"
            + " (ParentId) REFERENCES Parents (Id) ON DELETE CASCADE) PRIMARY KEY (RefId)",
        "CREATE CHANGE STREAM Everything FOR ALL");
    Timestamp start = db.write(Mutation.newInsertBuilder("Parents").set("Id").to(1).build(),
        Mutation.newInsertBuilder("Children").set("Id").to(1).set("ChildId").to(10).build(),
        Mutation.newInsertBuilder("Children").set("Id").to(1).set("ChildId").to(11).build(),
        Mutation.newInsertBuilder("Refs").set("RefId").to(7).set("ParentId").to(1).build());
    Timestamp deleted = db.write(Mutation.delete("Parents", Key.of(1)));

    List<String> mods = new ArrayList<>();
    new RawChangeStreamReader(db.client(), "Everything").read(start,
        Timestamp.ofTimeSecondsAndNanos(deleted.getSeconds() + 1, 0), mod -> {
          if (mod.commitTimestamp().equals(deleted)) {
            mods.add(mod.modType() + " " + mod.table() + " " + mod.keysJson());
          }
        });
    mods.sort(null);

    assertEquals(List.of(
        "DELETE Children {\"ChildId\":\"10\",\"Id\":\"1\"}",
        "DELETE Children {\"ChildId\":\"11\",\"Id\":\"1\"}",
        "DELETE Parents {\"Id\":\"1\"}",
        "DELETE Refs {\"RefId\":\"7\"}"), mods);
  }

  /**
   * A self-referencing foreign key {@code ON DELETE CASCADE} (categories): deleting the root of a
   * chain removes the whole chain, and each removed row has its own DELETE in the same transaction.
   */
  @Test
  void shouldStreamADeleteOfEveryRowASelfReferencingCascadeRemoves() {
    SpannerTestDatabase db = spanner.newDatabase(
        "CREATE TABLE Categories (Id INT64 NOT NULL, ParentId INT64, CONSTRAINT FkSelf FOREIGN KEY"
            + " (ParentId) REFERENCES Categories (Id) ON DELETE CASCADE) PRIMARY KEY (Id)",
        "CREATE CHANGE STREAM Everything FOR ALL");
    Timestamp start = db.write(Mutation.newInsertBuilder("Categories").set("Id").to(1).build(),
        Mutation.newInsertBuilder("Categories").set("Id").to(2).set("ParentId").to(1).build(),
        Mutation.newInsertBuilder("Categories").set("Id").to(3).set("ParentId").to(2).build(),
        Mutation.newInsertBuilder("Categories").set("Id").to(4).build());
    Timestamp deleted = db.write(Mutation.delete("Categories", Key.of(1)));

    List<String> mods = new ArrayList<>();
    new RawChangeStreamReader(db.client(), "Everything").read(start,
        Timestamp.ofTimeSecondsAndNanos(deleted.getSeconds() + 1, 0), mod -> {
          if (mod.commitTimestamp().equals(deleted)) {
            mods.add(mod.modType() + " " + mod.table() + " " + mod.keysJson());
          }
        });
    mods.sort(null);

    assertEquals(List.of(
        "DELETE Categories {\"Id\":\"1\"}",
        "DELETE Categories {\"Id\":\"2\"}",
        "DELETE Categories {\"Id\":\"3\"}"), mods);
  }
}
