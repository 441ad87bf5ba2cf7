package dev.globaltable.operator.sim;

import java.util.ArrayList;
import java.util.List;

/** A replica group: same-name tables in several regions linked as one 2019.11.21 global table. */
final class SimGroup {
  final String name;
  /** Members in the order they joined (the order every region lists the others in). */
  final List<SimTable> members = new ArrayList<>();

  SimGroup(String name) {
    this.name = name;
  }
}
