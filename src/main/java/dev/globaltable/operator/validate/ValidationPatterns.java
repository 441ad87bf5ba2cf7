package dev.globaltable.operator.validate;

/**
 * Patterns and limits shared by the CRD schema (through annotations on the api classes) and {@link SpecValidator},
 * so that both layers enforce the same values.
 */
public final class ValidationPatterns {
  /** Table and index names: 3-255 characters of [A-Za-z0-9_.-] (the length is checked separately). */
  public static final String NAME = "^[A-Za-z0-9_.-]+$";

  /**
   * AWS region names: commercial ({@code eu-west-1}), GovCloud ({@code us-gov-west-1}), ISO partitions
   * ({@code us-isob-east-1}) and the European Sovereign Cloud ({@code eusc-de-east-1}).
   */
  public static final String REGION_BODY = "([a-z]{2}(-gov|-iso[a-z]*)?|eusc-[a-z]{2})-[a-z]+-[0-9]+";
  /** {@link #REGION_BODY} anchored. */
  public static final String REGION = "^" + REGION_BODY + "$";

  /**
   * A KMS key ARN is {@code KMS_KEY_ARN_BEFORE_REGION + region + KMS_KEY_ARN_AFTER_REGION}: a key ARN in any partition
   * (aws, aws-cn, aws-us-gov, ...), never an alias, because DescribeTable reports key ARNs and an alias would never
   * compare equal. The region is spliced in per replica (by the CEL rule and by {@link SpecValidator}).
   */
  public static final String KMS_KEY_ARN_BEFORE_REGION = "^arn:aws[a-z-]*:kms:";
  public static final String KMS_KEY_ARN_AFTER_REGION = ":[0-9]{12}:key/[A-Za-z0-9-]+$";
  /**
   * A Kinesis data stream ARN is {@code KINESIS_STREAM_ARN_BEFORE_REGION + region + KINESIS_STREAM_ARN_AFTER_REGION}
   * (stream names are 1-128 characters of [A-Za-z0-9_.-]).
   */
  public static final String KINESIS_STREAM_ARN_BEFORE_REGION = "^arn:aws[a-z-]*:kinesis:";
  public static final String KINESIS_STREAM_ARN_AFTER_REGION = ":[0-9]{12}:stream/[A-Za-z0-9_.-]{1,128}$";
  /** Longest KMS key or Kinesis stream ARN accepted (real ones are under 200 characters). */
  public static final int ARN_MAX = 256;
  /** Point-in-time recovery period range in days (AWS default 35). */
  public static final int PITR_DAYS_MIN = 1;
  public static final int PITR_DAYS_MAX = 35;

  /** Shortest and longest table or index name. */
  public static final int NAME_MIN = 3;
  public static final int NAME_MAX = 255;
  /** Longest region name accepted (real ones are at most 20 characters). */
  public static final int REGION_MAX = 32;
  /** Longest key attribute name. */
  public static final int ATTRIBUTE_NAME_MAX = 255;
  /** AWS default quota of global secondary indexes per table. */
  public static final int MAX_GLOBAL_INDEXES = 20;
  /** AWS limit of local secondary indexes per table. */
  public static final int MAX_LOCAL_INDEXES = 5;
  /** Most regions one resource may list (bounds the CEL cost estimate; AWS has fewer regions). */
  public static final int MAX_REPLICAS = 30;
  /** AWS limit of user tags per table (the operator's owner tag counts; aws: tags do not). */
  public static final int MAX_TAGS = 50;
  /**
   * Most tags the spec may give a table in one region: table tags merged with the replica's, at most
   * {@link #MAX_TAGS} minus one, because the operator adds {@link #OWNER_TAG} in every region.
   */
  public static final int MAX_SPEC_TAGS = MAX_TAGS - 1;
  /** Tag key length limit. */
  public static final int TAG_KEY_MAX = 128;
  /** Tag value length limit. */
  public static final int TAG_VALUE_MAX = 256;
  /** Most non-key attributes one index may project. */
  public static final int MAX_NON_KEY_ATTRIBUTES = 20;
  /**
   * Target utilization range of autoscaling in percent, as the DynamoDB documentation states it (the Application Auto
   * Scaling API itself accepts 10-90).
   */
  public static final double TARGET_UTILIZATION_MIN = 20;
  public static final double TARGET_UTILIZATION_MAX = 90;
  /** Placeholder in an alarm action ARN that the operator replaces with the region of each alarm. */
  public static final String REGION_PLACEHOLDER = "${region}";
  /**
   * An alarm action: an SNS topic ARN in any partition whose region is a region name or {@link #REGION_PLACEHOLDER},
   * with a 12-digit account and a standard topic name of 1-256 characters of [A-Za-z0-9_-] (CloudWatch cannot notify
   * FIFO topics, whose names end in .fifo). Group 1 is the region. Written without backslashes ({@code [$]} rather
   * than an escaped {@code $}) so that it can be spliced into a CEL string literal as it is.
   */
  public static final String SNS_TOPIC_ARN = "^arn:aws[a-z-]*:sns:(" + REGION_BODY
      + "|[$][{]region[}]):[0-9]{12}:[A-Za-z0-9_-]{1,256}$";
  /** CloudWatch's limit of actions per alarm state (AlarmActions, OKActions). */
  public static final int MAX_ALARM_ACTIONS = 5;
  /** Longest action ARN CloudWatch accepts. */
  public static final int ALARM_ACTION_MAX = 1024;
  /** Shortest alarm period; CloudWatch allows 10, 20, 30 and multiples of 60 seconds. */
  public static final int ALARM_PERIOD_MIN = 10;
  /**
   * Periods of at least this many seconds may span {@link #ALARM_LONG_WINDOW_MAX}, shorter ones only
   * {@link #ALARM_SHORT_WINDOW_MAX}.
   */
  public static final int ALARM_LONG_PERIOD = 3600;
  /** CloudWatch's limit of periodSeconds x evaluationPeriods when the period is under an hour: one day. */
  public static final int ALARM_SHORT_WINDOW_MAX = 86400;
  /** CloudWatch's limit of periodSeconds x evaluationPeriods when the period is an hour or more: seven days. */
  public static final int ALARM_LONG_WINDOW_MAX = 604800;
  /** Largest evaluationPeriods any period allows (one day of 10-second periods); bounds the CEL arithmetic. */
  public static final int ALARM_EVALUATION_PERIODS_MAX = ALARM_SHORT_WINDOW_MAX / ALARM_PERIOD_MIN;
  /** CEL rule on an alarm's periodSeconds: 10, 20, 30 or a multiple of 60 (the minimum is in the schema). */
  public static final String CEL_ALARM_PERIOD = "self == 10 || self == 20 || self == 30 || self % 60 == 0";

  /** Tag key prefix reserved by AWS. */
  public static final String AWS_TAG_PREFIX = "aws:";
  /** Tag key the operator sets itself (same value as {@code Desired.OWNER_TAG}). */
  public static final String OWNER_TAG = "globaltable.dev/owner";

  private ValidationPatterns() {}
}
