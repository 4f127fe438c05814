package io.scrapr.orchestrator.core;

import io.scrapr.common.api.StoredConfiguration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An in-memory config-discovery with its claim rules; records claims in a shared journal. */
final class FakeCatalog implements ConfigurationCatalog {
  private final Map<String, StoredConfiguration> configurations = new LinkedHashMap<>();
  private final List<String> journal;
  private final Set<String> hiddenFromList = new HashSet<>();
  private boolean down;
  private boolean lookupsFail;
  private String grabOnClaim;
  private int listCalls;
  private int findCalls;

  FakeCatalog(List<String> journal) {
    this.journal = journal;
  }

  synchronized void put(StoredConfiguration c) {
    configurations.put(c.id(), c);
  }

  synchronized void delete(String id) {
    configurations.remove(id);
  }

  synchronized StoredConfiguration get(String id) {
    return configurations.get(id);
  }

  /** The next claim finds the configuration taken by this container, as in a race. */
  synchronized void grabBeforeNextClaim(String container) {
    grabOnClaim = container;
  }

  /** Leaves a configuration out of list answers, as when the list is cut at its limit. */
  synchronized void hideFromList(String id) {
    hiddenFromList.add(id);
  }

  /** Makes look-ups of single configurations fail, as when config-discovery times out. */
  synchronized void failLookups() {
    lookupsFail = true;
  }

  /** Makes every call fail, as when config-discovery is unreachable. */
  synchronized void down(boolean isDown) {
    down = isDown;
  }

  @Override
  public synchronized List<StoredConfiguration> all() {
    listCalls++;
    failIfDown();
    return configurations.values().stream().filter(c -> !hiddenFromList.contains(c.id())).toList();
  }

  @Override
  public synchronized List<StoredConfiguration> unassigned() {
    failIfDown();
    return configurations.values().stream()
        .filter(c -> !hiddenFromList.contains(c.id()) && c.container() == null)
        .toList();
  }

  @Override
  public synchronized Optional<StoredConfiguration> find(String id) {
    findCalls++;
    failIfDown();
    if (lookupsFail) {
      throw new IllegalStateException("config-discovery timed out");
    }
    return Optional.ofNullable(configurations.get(id));
  }

  @Override
  public synchronized ClaimResult claim(String id, String container) {
    failIfDown();
    StoredConfiguration c = configurations.get(id);
    if (c == null) {
      return ClaimResult.GONE;
    }
    if (grabOnClaim != null) {
      c = Configurations.heldBy(c, grabOnClaim);
      configurations.put(id, c);
      grabOnClaim = null;
    }
    if (c.container() != null && !c.container().equals(container)) {
      return ClaimResult.HELD_BY_ANOTHER;
    }
    configurations.put(id, Configurations.heldBy(c, container));
    journal.add("claim " + container);
    return ClaimResult.CLAIMED;
  }

  /** How many full lists and single look-ups were asked for so far. */
  synchronized Map<String, Integer> calls() {
    return Map.of("all", listCalls, "find", findCalls);
  }

  synchronized List<StoredConfiguration> snapshot() {
    return new ArrayList<>(configurations.values());
  }

  private void failIfDown() {
    if (down) {
      throw new IllegalStateException("config-discovery is unreachable");
    }
  }
}
