package dev.globaltable.operator.api;

/** DynamoDB Streams view types. */
public enum StreamViewType { NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY }
