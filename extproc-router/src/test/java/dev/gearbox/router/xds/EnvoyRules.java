package dev.gearbox.router.xds;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import io.envoyproxy.envoy.extensions.filters.http.credential_injector.v3.CredentialInjector;
import io.envoyproxy.envoy.extensions.filters.http.upstream_codec.v3.UpstreamCodec;
import io.envoyproxy.envoy.extensions.http.injected_credentials.generic.v3.Generic;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.envoyproxy.pgv.validate.Validate;
import io.envoyproxy.pgv.validate.Validate.FieldRules;

import java.util.ArrayList;
import java.util.List;

/**
 * The field rules Envoy enforces when it loads a resource, read from the {@code validate.rules} annotations of its
 * own protos (protoc-gen-validate, which Envoy runs on every resource): required messages and oneofs, string
 * lengths, number bounds, defined enums, durations, item counts; typed configs unpacked and checked too, and a type
 * Envoy would not know fails. A subset of PGV, the rules Envoy's xDS resources use.
 */
final class EnvoyRules {
  static final TypeRegistry TYPES = TypeRegistry.newBuilder()
      .add(HttpProtocolOptions.getDescriptor())
      .add(UpstreamTlsContext.getDescriptor())
      .add(CredentialInjector.getDescriptor())
      .add(Generic.getDescriptor())
      .add(UpstreamCodec.getDescriptor())
      .build();

  private EnvoyRules() {
  }

  static List<String> violations(Message message) {
    List<String> found = new ArrayList<>();
    check(message, message.getDescriptorForType().getName(), found);
    return found;
  }

  private static void check(Message message, String path, List<String> found) {
    Descriptor type = message.getDescriptorForType();
    if (type.getFullName().equals(Any.getDescriptor().getFullName())) {
      checkAny(message, path, found);
      return;
    }
    for (OneofDescriptor oneof : type.getOneofs()) {
      if (oneof.getOptions().getExtension(Validate.required) && !message.hasOneof(oneof)) {
        found.add(path + ": one of " + oneof.getName() + " is required");
      }
    }
    for (FieldDescriptor field : type.getFields()) {
      FieldRules rules = field.getOptions().getExtension(Validate.rules);
      String at = path + "." + field.getName();
      if (field.getRealContainingOneof() != null && !message.hasField(field)) {
        continue; // a oneof's rules apply to the member that is set
      }
      if (field.isRepeated()) {
        int count = message.getRepeatedFieldCount(field);
        if (rules.hasRepeated() && rules.getRepeated().hasMinItems() && count < rules.getRepeated().getMinItems()) {
          found.add(at + ": at least " + rules.getRepeated().getMinItems() + " items, has " + count);
        }
        for (int i = 0; i < count; i++) {
          value(field, rules.hasRepeated() ? rules.getRepeated().getItems() : FieldRules.getDefaultInstance(),
              message.getRepeatedField(field, i), at + "[" + i + "]", found);
        }
      } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !message.hasField(field)) {
        boolean required = rules.getMessage().getRequired() || rules.getDuration().getRequired()
            || rules.getAny().getRequired();
        if (required) {
          found.add(at + ": required");
        }
      } else {
        value(field, rules, message.getField(field), at, found);
      }
    }
  }

  private static void value(FieldDescriptor field, FieldRules rules, Object value, String at, List<String> found) {
    switch (field.getJavaType()) {
      case MESSAGE -> {
        Message nested = (Message) value;
        String name = nested.getDescriptorForType().getFullName();
        if (name.equals("google.protobuf.Duration")) {
          duration(nested, rules, at, found);
        } else if (name.equals("google.protobuf.UInt32Value") && rules.hasUint32()) {
          number(((Number) nested.getField(nested.getDescriptorForType().findFieldByName("value"))).longValue(),
              rules.getUint32().hasGt() ? rules.getUint32().getGt() : null,
              rules.getUint32().hasGte() ? rules.getUint32().getGte() : null,
              rules.getUint32().hasLte() ? rules.getUint32().getLte() : null, at, found);
        }
        check(nested, at, found);
      }
      case STRING -> {
        String s = (String) value;
        long min = Math.max(rules.getString().getMinLen(), rules.getString().getMinBytes());
        if (s.length() < min) {
          found.add(at + ": at least " + min + " characters");
        }
        if (rules.getString().hasMaxBytes() && s.getBytes().length > rules.getString().getMaxBytes()) {
          found.add(at + ": at most " + rules.getString().getMaxBytes() + " bytes");
        }
      }
      case ENUM -> {
        EnumValueDescriptor e = (EnumValueDescriptor) value;
        if (rules.getEnum().getDefinedOnly() && field.getEnumType().findValueByNumber(e.getNumber()) == null) {
          found.add(at + ": undefined enum value " + e.getNumber());
        }
      }
      case INT -> number(((Number) value).longValue(), rules.getUint32().hasGt() ? rules.getUint32().getGt() : null,
          rules.getUint32().hasGte() ? rules.getUint32().getGte() : null,
          rules.getUint32().hasLte() ? rules.getUint32().getLte() : null, at, found);
      default -> {
      }
    }
  }

  private static void number(long v, Integer gt, Integer gte, Integer lte, String at, List<String> found) {
    if (gt != null && v <= Integer.toUnsignedLong(gt) || gte != null && v < Integer.toUnsignedLong(gte)
        || lte != null && v > Integer.toUnsignedLong(lte)) {
      found.add(at + ": " + v + " out of bounds");
    }
  }

  private static void duration(Message d, FieldRules rules, String at, List<String> found) {
    var type = d.getDescriptorForType();
    long seconds = (Long) d.getField(type.findFieldByName("seconds"));
    int nanos = (Integer) d.getField(type.findFieldByName("nanos"));
    double value = seconds + nanos / 1e9;
    if (seconds < 0 || nanos < 0 || nanos > 999_999_999) {
      found.add(at + ": not a valid non-negative duration");
    }
    var r = rules.getDuration();
    if (r.hasGt() && value <= r.getGt().getSeconds() + r.getGt().getNanos() / 1e9
        || r.hasGte() && value < r.getGte().getSeconds() + r.getGte().getNanos() / 1e9) {
      found.add(at + ": " + value + " s below the minimum");
    }
  }

  private static void checkAny(Message any, String path, List<String> found) {
    Any packed;
    try {
      packed = any instanceof Any a ? a : Any.parseFrom(any.toByteString()); // nested in a DynamicMessage
    } catch (InvalidProtocolBufferException e) {
      found.add(path + ": not an Any");
      return;
    }
    String typeName = packed.getTypeUrl().substring(packed.getTypeUrl().lastIndexOf('/') + 1);
    Descriptor descriptor = TYPES.find(typeName);
    if (descriptor == null) {
      found.add(path + ": typed config of a type Envoy is not given here: " + packed.getTypeUrl());
      return;
    }
    try {
      check(DynamicMessage.parseFrom(descriptor, packed.getValue()), path + "<" + descriptor.getName() + ">", found);
    } catch (InvalidProtocolBufferException e) {
      found.add(path + ": does not parse as " + typeName);
    }
  }
}
