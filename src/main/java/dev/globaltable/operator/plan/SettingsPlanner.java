package dev.globaltable.operator.plan;

import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.EncryptionType;
import dev.globaltable.operator.model.Observed;
import dev.globaltable.operator.model.ObservedEncryption;
import dev.globaltable.operator.model.ObservedIndex;
import dev.globaltable.operator.model.ObservedReplica;
import dev.globaltable.operator.model.ObservedSettings;
import dev.globaltable.operator.model.ObservedSettings.ContributorInsightsState;
import dev.globaltable.operator.model.ObservedSettings.KinesisDestination;
import dev.globaltable.operator.model.ObservedSettings.TimeToLiveState;
import dev.globaltable.operator.model.PointInTimeRecovery;
import dev.globaltable.operator.model.RegionObservation;
import dev.globaltable.operator.model.RegionSettings;
import dev.globaltable.operator.model.RegionalTable;
import dev.globaltable.operator.model.TimeToLive;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The per-region-settings half of the plan (issue 4): time to live, encryption, table class, deletion protection,
 * point-in-time recovery, Contributor Insights and Kinesis streaming destinations (reference 3, 7.1-7.6). Pure: no I/O,
 * no SDK types; time comes from {@link Observed#observedAt()}.
 *
 * <p>Rules it encodes:
 * <ul>
 *   <li>A null desired value is not managed: no step, ever. A managed value is compared with what AWS reports.
 *   <li>A setting is only planned for a member of this group (the home region, or a region the home table lists as a
 *       replica) that the spec names, whose table was read this pass and is ACTIVE; anything else is skipped silently
 *       (the next deep pass decides). Settings with their own Describe call (PITR, TTL, Contributor Insights, Kinesis)
 *       also need {@link RegionObservation#settings()} read; those DescribeTable carries (table class, deletion
 *       protection, encryption) need that region's table described, which for the home region is every pass.
 *   <li>UpdateTable-class settings ({@link #planTable}) are table steps, serialised behind the gates: time to live,
 *       encryption (home type, then replica keys), table class (base, then replica overrides), deletion protection.
 *       The others ({@link #planPerRegion}) are per-region steps.
 *   <li>A step held by an AWS cooldown ({@link Cooldowns}) carries a {@link BlockReason#COOLDOWN} wait with its
 *       instant and never holds the steps behind it; so does a step on a setting AWS is still changing
 *       ({@link BlockReason#SETTING_UPDATING}). A transition already heading for the desired value needs no step.
 * </ul>
 */
final class SettingsPlanner {

  /** AWS: one UpdateTimeToLive per table per hour (reference 7.1). */
  static final Duration TTL_INTERVAL = Step.UpdateTimeToLive.COOLDOWN;
  static final String TTL_REASON = Step.UpdateTimeToLive.COOLDOWN_REASON;
  static final String CCI_QUOTA_ADVICE = "raise the CloudWatch Contributor Insights rules quota, then set "
      + "contributorInsights false and back to true";

  private final Desired d;
  private final Observed o;
  private final RegionalTable home;
  private final Managed m;
  private final Cooldowns cooldowns;
  private final Instant now;
  private final Set<String> desiredKeys;

  SettingsPlanner(Desired desired, Observed observed, RegionalTable home, Managed managed, Cooldowns cooldowns) {
    this.d = desired;
    this.o = observed;
    this.home = home;
    this.m = managed;
    this.cooldowns = cooldowns == null ? Cooldowns.NONE : cooldowns;
    this.now = observed.observedAt();
    this.desiredKeys = desiredKeys(desired);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // CreateTable / AddReplica payloads

  /** CreateTable's options: the home region's table class, deletion protection and encryption. */
  static Step.CreateOptions createOptions(Desired d) {
    RegionSettings s = d.settings(d.homeRegion());
    EncryptionType type = d.encryption();
    return new Step.CreateOptions(s.tableClass(), s.deletionProtection(), type,
        type == EncryptionType.CUSTOMER_MANAGED ? s.kmsKeyId() : null);
  }

  /**
   * {@code add} with the new replica's table class override (when its class differs from the base's) and its customer
   * managed key (when the spec encrypts with customer managed keys; AWS requires one per replica).
   *
   * @param home the home table, or null when it does not exist yet
   */
  static Step.AddReplica withSettings(Desired d, RegionalTable home, Step.AddReplica add) {
    RegionSettings s = d.settings(add.replicaRegion());
    String want = s.tableClass();
    String base = baseClass(d, home);
    String override = want != null && !want.equals(base) ? want : null;
    String key = d.encryption() == EncryptionType.CUSTOMER_MANAGED ? s.kmsKeyId() : null;
    return new Step.AddReplica(add.region(), add.tableName(), add.replicaRegion(), add.overrides(), override, key);
  }

  /** The base table's effective class: the home region's desired one, else what the home table has. */
  private static String baseClass(Desired d, RegionalTable home) {
    String want = d.settings(d.homeRegion()).tableClass();
    if (want != null) {
      return want;
    }
    return home == null ? RegionSettings.STANDARD : home.tableClass();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // table steps

  /** The UpdateTable-class setting steps, in order: TTL, encryption, table class, deletion protection. */
  void planTable(List<Candidate> out) {
    if (!home.isActive()) {
      // Why: a table in transition may report a setting that is about to change (a class or key being applied);
      // the next pass that finds it ACTIVE decides.
      return;
    }
    planTimeToLive(out);
    planEncryption(out);
    planTableClass(out);
    planDeletionProtection(out);
  }

  private void planTimeToLive(List<Candidate> out) {
    TimeToLive want = d.timeToLive();
    ObservedSettings hs = o.home().settings();
    TimeToLiveState have = hs == null ? null : hs.timeToLive();
    if (want == null || have == null) {
      // Not managed, or not read this pass (DescribeTimeToLive runs on deep passes).
      return;
    }
    String found = have.toString();
    if (!want.enabled()) {
      if (!have.enabled()) {
        // DISABLED, or DISABLING already.
        return;
      }
      table(out, ttl(false, have.attributeName(), found), transitioning(have.transitioning(),
          "time to live is " + found));
      return;
    }
    if (have.enabled() && want.attributeName().equals(have.attributeName())) {
      // ENABLED on the desired attribute, or ENABLING on it.
      return;
    }
    if (!have.enabled()) {
      table(out, ttl(true, want.attributeName(), found), transitioning(have.transitioning(),
          "time to live is " + found));
      return;
    }
    // A rename: AWS refuses to enable another attribute while one is active (reference 7.1): disable, wait the hour
    // AWS imposes between two changes, enable.
    Step.UpdateTimeToLive disable = ttl(false, have.attributeName(), found);
    table(out, disable, transitioning(have.transitioning(), "time to live is " + found));
    Cooldowns.Hold hold = cooldowns.active(Step.UpdateTimeToLive.COOLDOWN_KEY, now);
    // Why deferred: the enable waits for the hour after the disable, and must not hold the other table steps. Its
    // instant is only known once the disable has run (and recorded its cooldown); until then it is queued behind it,
    // without an instant that would move with every pass.
    Blocker wait = hold == null ? new Blocker(BlockReason.QUEUED, "after: " + disable.describe()
        + ", then an hour (" + TTL_REASON + ")")
        : new Blocker(BlockReason.COOLDOWN, TTL_REASON + " (renaming the attribute is a disable, then an enable)",
            hold.notBefore().plus(TTL_INTERVAL));
    out.add(Candidate.deferred(ttl(true, want.attributeName(), found), wait));
  }

  private Step.UpdateTimeToLive ttl(boolean enabled, String attribute, String found) {
    return new Step.UpdateTimeToLive(home.region(), home.tableName(), enabled, attribute, found);
  }

  /**
   * A wait for replica adds while the group's encryption type is not yet the spec's (a held or refused switch, or AWS
   * still applying one): a replica created now would carry the old type, and its KMS key would not match (AWS: "KMSMasterKeyId
   * must be specified for each replica."). Null when the spec leaves encryption alone or it is in place.
   */
  Blocker encryptionPending() {
    EncryptionType want = d.encryption();
    if (want == null || home == null) {
      return null;
    }
    ObservedEncryption enc = home.encryption();
    EncryptionType have = typeOf(enc, want);
    if (have == want && !enc.transitioning()) {
      return null;
    }
    return new Blocker(BlockReason.SETTING_UPDATING, "replicas are added once the table's encryption is " + want
        + " (now " + (enc.transitioning() ? enc.status() : have) + ")");
  }

  private void planEncryption(List<Candidate> out) {
    EncryptionType want = d.encryption();
    if (want == null) {
      // Not managed.
      return;
    }
    ObservedEncryption enc = home.encryption();
    EncryptionType have = typeOf(enc, want);
    String homeKey = want == EncryptionType.CUSTOMER_MANAGED ? d.settings(home.region()).kmsKeyId() : null;
    boolean rotate = want == EncryptionType.CUSTOMER_MANAGED && have == want && homeKey != null
        && !homeKey.equals(enc.kmsKeyArn());
    if (have != want || rotate) {
      Step step = new Step.UpdateEncryption(home.region(), home.tableName(), want, homeKey, found(enc, have));
      if (have != want && !home.replicas().isEmpty() && (want == EncryptionType.CUSTOMER_MANAGED
          || (have == EncryptionType.CUSTOMER_MANAGED && want == EncryptionType.AWS_MANAGED))) {
        // AWS refuses it: every replica needs its own key, ReplicaUpdates cannot carry one, and all replica keys must
        // be of one kind (reference 3).
        String aws = want == EncryptionType.CUSTOMER_MANAGED ? "KMSMasterKeyId must be specified for each replica."
            : "All replica keys must either be Customer Managed CMK or AWS Managed CMK.";
        out.add(Candidate.forbidden(step, new Blocker(BlockReason.NOT_ALLOWED, "spec.encryption.type: AWS cannot "
            + "switch a global table that has replicas from " + have + " to " + want + " (AWS: " + aws + "); remove "
            + "the replicas from spec.replicas, let the operator remove them, change the type, then add them back"
            + (want == EncryptionType.CUSTOMER_MANAGED ? " with their kmsKeyId; or create the table with " + want
                : "; or switch to " + EncryptionType.AWS_OWNED + " first") + " (current: " + have + ")")));
      } else {
        table(out, step, transitioning(enc.transitioning(), "encryption in " + home.region() + " is " + enc.status()));
      }
    }
    if (want != EncryptionType.CUSTOMER_MANAGED || have != want) {
      // Replica keys only matter once the group is on customer managed keys (the home step comes first).
      return;
    }
    for (String region : d.replicaRegions()) {
      RegionalTable t = describedMember(region);
      String key = d.settings(region).kmsKeyId();
      if (t == null || key == null || key.equals(t.encryption().kmsKeyArn())) {
        // Not a member read this pass (or not ACTIVE), no key given, or already on its key.
        continue;
      }
      // A replica's key changes only in its own region (ReplicaUpdates refuses KMSMasterKeyId, reference 3, 9.6).
      table(out, new Step.UpdateEncryption(region, home.tableName(), want, key,
              found(t.encryption(), typeOf(t.encryption(), want))),
          transitioning(t.encryption().transitioning(), "encryption in " + region + " is "
              + t.encryption().status()));
    }
  }

  /**
   * The encryption type AWS reports. Without the KMS API an AWS managed key cannot be told from a customer key the spec
   * never named, so KMS with a key the spec names (or named before, {@link Managed#kmsKeys()}) counts as customer
   * managed and any other KMS key as AWS managed.
   */
  private EncryptionType typeOf(ObservedEncryption enc, EncryptionType want) {
    if (!enc.kms()) {
      return EncryptionType.AWS_OWNED;
    }
    String key = enc.kmsKeyArn();
    if (key != null && (m.kmsKeys().contains(key) || desiredKeys.contains(key))) {
      return EncryptionType.CUSTOMER_MANAGED;
    }
    if (want == EncryptionType.CUSTOMER_MANAGED) {
      // Why: the spec asks for customer keys and AWS has some KMS key the spec never named (status lost, or a table
      // keyed by hand): treat it as a key to rotate in place, which AWS allows, rather than as a type switch it
      // refuses on a table with replicas. If it really was the AWS managed key, AWS says so in its own words.
      return EncryptionType.CUSTOMER_MANAGED;
    }
    return EncryptionType.AWS_MANAGED;
  }

  private static String found(ObservedEncryption enc, EncryptionType t) {
    return t + (t == EncryptionType.AWS_OWNED || enc.kmsKeyArn() == null ? "" : " key " + enc.kmsKeyArn());
  }

  /** Every customer managed key the spec names, in any region. */
  static Set<String> desiredKeys(Desired d) {
    Set<String> keys = new TreeSet<>();
    for (String region : d.regions()) {
      String k = d.settings(region).kmsKeyId();
      if (k != null) {
        keys.add(k);
      }
    }
    return keys;
  }

  private void planTableClass(List<Candidate> out) {
    String base = d.settings(home.region()).tableClass();
    boolean baseChanges = base != null && !base.equals(home.tableClass());
    if (baseChanges) {
      table(out, new Step.UpdateTableClass(home.region(), home.tableName(), base, home.tableClass()), null);
    }
    for (String region : d.replicaRegions()) {
      String want = d.settings(region).tableClass();
      ObservedReplica r = home.replica(region).orElse(null);
      if (want == null || r == null || "DELETING".equals(r.status())) {
        // Not managed, or not a member (yet, or any more).
        continue;
      }
      RegionObservation ro = o.regions().get(region);
      RegionalTable t = ro == null ? null : ro.table();
      if (t != null && !t.isActive()) {
        // Why: in transition; the class it reports may be about to change.
        continue;
      }
      String have;
      if (baseChanges) {
        // AWS applies a base change to every replica (reference 1.5, 10): each then has the base's class.
        have = base;
      } else if (t != null) {
        have = t.tableClass();
      } else if (r.tableClassOverride() != null) {
        have = r.tableClassOverride();
      } else {
        have = home.tableClass();
      }
      if (!want.equals(have)) {
        table(out, new Step.UpdateReplicaTableClass(home.region(), home.tableName(), region, want, have), null);
      }
    }
  }

  private void planDeletionProtection(List<Candidate> out) {
    for (String region : d.regions()) {
      Boolean want = d.settings(region).deletionProtection();
      RegionalTable t = describedMember(region);
      if (want == null || t == null || t.deletionProtection() == want) {
        // Not managed, not a member read this pass, or as wanted.
        continue;
      }
      table(out, new Step.UpdateDeletionProtection(region, home.tableName(), want), null);
    }
  }

  /** Adds a table step: deferred when a wait holds it (a setting in transition, an AWS cooldown), else gated. */
  private void table(List<Candidate> out, Step step, Blocker wait) {
    Blocker b = wait != null ? wait : cooldown(step);
    out.add(b == null ? Candidate.gated(step, null, null) : Candidate.deferred(step, b));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // per-region steps

  /** PITR, Contributor Insights and Kinesis destinations of every member region, in spec order. */
  List<PlannedStep> planPerRegion() {
    List<PlannedStep> out = new ArrayList<>();
    for (String region : d.regions()) {
      RegionalTable t = describedMember(region);
      ObservedSettings have = o.regions().get(region) == null ? null : o.regions().get(region).settings();
      if (t == null || have == null) {
        // Not a member, not read this pass, or not ACTIVE: the next deep pass decides.
        continue;
      }
      RegionSettings want = d.settings(region);
      planPitr(region, want.pointInTimeRecovery(), have.pointInTimeRecovery(), out);
      if (want.contributorInsights() != null) {
        planInsights(region, null, want.contributorInsights(), have.contributorInsights(), out);
        for (ObservedIndex i : t.globalSecondaryIndexes()) {
          if (i.isActive() && have.indexContributorInsights() != null) {
            planInsights(region, i.name(), want.contributorInsights(), have.indexContributorInsights().get(i.name()),
                out);
          }
        }
      }
      planKinesis(region, want.kinesisStreamArn(), have, out);
    }
    return out;
  }

  private void planPitr(String region, PointInTimeRecovery want, PointInTimeRecovery have, List<PlannedStep> out) {
    if (want == null || have == null || want.satisfiedBy(have)) {
      // Not managed, not read, or as wanted.
      return;
    }
    Step step = new Step.UpdatePointInTimeRecovery(region, home.tableName(), want, have.toString());
    RegionalTable t = describedMember(region);
    Instant ready = t == null || t.creationTime() == null ? null : t.creationTime().plus(NEW_TABLE_BACKUPS);
    if (ready != null && o.observedAt() != null && o.observedAt().isBefore(ready)) {
      // Why: AWS turns continuous backups on for a new table first and refuses PITR changes until it has ("Backups
      // are being enabled for the table", reference 7.2); a minute after creation that window is long past.
      perRegion(out, step, new Blocker(BlockReason.COOLDOWN, "AWS enables backups on a new table first and refuses "
          + "point-in-time recovery changes until then", ready));
      return;
    }
    perRegion(out, step, null);
  }

  /** How long after a table's creation its point-in-time recovery is first changed (see {@link #planPitr}). */
  static final java.time.Duration NEW_TABLE_BACKUPS = java.time.Duration.ofMinutes(1);

  private void planInsights(String region, String index, boolean want, ContributorInsightsState have,
      List<PlannedStep> out) {
    if (have == null || (want ? have.enabled() : "DISABLED".equals(have.status()) || "DISABLING".equals(
        have.status()))) {
      // Not read, as wanted, or already heading there.
      return;
    }
    Step step = new Step.UpdateContributorInsights(region, home.tableName(), index, want, have.status());
    String what = "contributor insights of " + (index == null ? "the table" : "index " + index) + " in " + region;
    if (want && have.failed()) {
      // Why not retried: FAILED never recovers by itself and an enable would fail the same way (the quota).
      perRegion(out, step, new Blocker(BlockReason.NOT_ALLOWED, what + " FAILED" + (have.failure() == null ? ""
          : " (" + have.failure() + ")") + "; AWS does not retry it and another enable would fail the same way: "
          + CCI_QUOTA_ADVICE));
      return;
    }
    perRegion(out, step, transitioning(have.transitioning(), what + " is " + have.status()));
  }

  private void planKinesis(String region, String want, ObservedSettings have, List<PlannedStep> out) {
    if (have.kinesisDestinations() == null) {
      // Not read this pass.
      return;
    }
    KinesisDestination live = have.liveDestination().orElse(null);
    String found = live == null ? "none" : live.streamArn();
    if (want == null) {
      if (live != null && m.kinesisDestinations().contains(Managed.kinesisKey(region, live.streamArn()))) {
        // Ours and dropped from the spec. A destination someone else attached is not ours to stop.
        perRegion(out, new Step.DisableKinesisStreaming(region, home.tableName(), live.streamArn()),
            settling(live, region));
      }
      return;
    }
    if (live != null && live.streamArn().equals(want)) {
      // Streaming (or about to) where the spec says.
      return;
    }
    Step enable = new Step.EnableKinesisStreaming(region, home.tableName(), want, found);
    KinesisDestination mine = have.destination(want).orElse(null);
    if (live == null && mine != null && "ENABLE_FAILED".equals(mine.status())) {
      // Why not retried: AWS validated the stream asynchronously and refused it; another try fails the same way.
      perRegion(out, enable, new Blocker(BlockReason.NOT_ALLOWED, "Kinesis destination " + want + " in " + region
          + " failed to enable" + (mine.description() == null ? "" : ": " + mine.description())
          + "; check that the stream exists in " + region + ", is ACTIVE and that DynamoDB may write to it, then "
          + "enable it (enable-kinesis-streaming-destination) or set another kinesisStreamArn"));
      return;
    }
    if (live != null) {
      if (!m.kinesisDestinations().contains(Managed.kinesisKey(region, live.streamArn()))) {
        perRegion(out, enable, new Blocker(BlockReason.NOT_ALLOWED, "kinesisStreamArn in " + region
            + ": another Kinesis destination " + live.streamArn() + " not set by this resource is attached (AWS "
            + "allows one live destination per table); disable it in AWS to let the operator stream to " + want));
        return;
      }
      // AWS allows one live destination: stop ours first; the enable waits for it.
      Step disable = new Step.DisableKinesisStreaming(region, home.tableName(), live.streamArn());
      perRegion(out, disable, settling(live, region));
      out.add(new PlannedStep(enable, new Blocker(BlockReason.QUEUED, "after: " + disable.describe())));
      return;
    }
    boolean disabling = have.kinesisDestinations().stream().anyMatch(k -> "DISABLING".equals(k.status()));
    perRegion(out, enable, transitioning(disabling, "a Kinesis destination in " + region + " is DISABLING"));
  }

  private void perRegion(List<PlannedStep> out, Step step, Blocker blocker) {
    out.add(new PlannedStep(step, blocker != null ? blocker : cooldown(step)));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // helpers

  /**
   * The table of {@code region} when it is a member of this group (the home region, or listed by the home table), was
   * described this pass and is ACTIVE; else null.
   */
  private RegionalTable describedMember(String region) {
    if (!home.hasLiveMember(region)) {
      // A same-name table outside the group may belong to someone else; a leaving replica is not ours to set.
      return null;
    }
    RegionObservation ro = o.regions().get(region);
    RegionalTable t = ro == null ? null : ro.table();
    return t != null && t.isActive() ? t : null;
  }

  private Blocker cooldown(Step step) {
    Cooldowns.Hold hold = cooldowns.active(step.cooldownKey(), now);
    return hold == null ? null : new Blocker(BlockReason.COOLDOWN, hold.reason(), hold.notBefore());
  }

  private static Blocker transitioning(boolean transitioning, String what) {
    return transitioning ? new Blocker(BlockReason.SETTING_UPDATING, what + "; waiting for AWS to finish") : null;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // managed

  /**
   * Kinesis destinations to record: every desired stream AWS reports for its region (any status), and previously
   * managed ones until no live destination for them remains (or while their region was not read).
   */
  /**
   * A wait while a destination is still ENABLING or UPDATING: AWS refuses to disable it until it settles ("Table is not
   * in a valid state ..."), so the call would only be wasted.
   */
  private static Blocker settling(KinesisDestination live, String region) {
    return transitioning(!"ACTIVE".equals(live.status()), "the Kinesis destination " + live.streamArn() + " in "
        + region + " is " + live.status());
  }

  static Set<String> nextKinesis(Desired d, Observed o, Set<String> previous) {
    Set<String> out = new TreeSet<>();
    for (String region : d.regions()) {
      String want = d.settings(region).kinesisStreamArn();
      List<KinesisDestination> listed = destinations(o, region);
      if (want != null && listed != null && listed.stream().anyMatch(k -> k.streamArn().equals(want))) {
        out.add(Managed.kinesisKey(region, want));
      }
    }
    for (String key : previous) {
      int space = key.indexOf(' ');
      String region = key.substring(0, space);
      String arn = key.substring(space + 1);
      RegionObservation ro = o.regions().get(region);
      RegionalTable home = o.homeTable();
      boolean member = home != null && (region.equals(home.region()) || home.replica(region).isPresent());
      if (!member && !d.regions().contains(region)) {
        // Why forget: the region left the spec and the group; its table (and destination) went with it, and a
        // later table there must not have someone else's destination taken for ours.
        continue;
      }
      if (ro == null || (ro.table() != null && ro.settings() == null)) {
        // Not read this pass: keep remembering it.
        out.add(key);
        continue;
      }
      List<KinesisDestination> listed = destinations(o, region);
      if (listed != null && listed.stream().anyMatch(k -> k.streamArn().equals(arn) && k.live())) {
        out.add(key);
      }
    }
    return out;
  }

  private static List<KinesisDestination> destinations(Observed o, String region) {
    RegionObservation ro = o.regions().get(region);
    return ro == null || ro.settings() == null ? null : ro.settings().kinesisDestinations();
  }

  /**
   * Keys to record: every key the spec names, and previously recorded ones while any region still reports one (or while
   * a member was not read this pass, so that it may still be on one).
   */
  static Set<String> nextKmsKeys(Desired d, Observed o, Set<String> previous) {
    Set<String> out = new TreeSet<>(desiredKeys(d));
    RegionalTable home = o.homeTable();
    Set<String> reported = new LinkedHashSet<>();
    boolean allRead = true;
    for (RegionObservation ro : o.regions().values()) {
      if (ro.table() != null && ro.table().encryption().kmsKeyArn() != null) {
        reported.add(ro.table().encryption().kmsKeyArn());
      }
    }
    for (ObservedReplica r : home.replicas()) {
      if (r.kmsKeyId() != null) {
        reported.add(r.kmsKeyId());
      }
      allRead &= o.regions().containsKey(r.region());
    }
    for (String key : previous) {
      if (!allRead || reported.contains(key)) {
        out.add(key);
      }
    }
    return out;
  }
}
