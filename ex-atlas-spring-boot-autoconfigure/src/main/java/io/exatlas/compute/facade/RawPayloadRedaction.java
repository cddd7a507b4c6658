package io.exatlas.compute.facade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.exatlas.Secret;
import io.exatlas.compute.AuthHandle;
import io.exatlas.compute.AuthMode;
import io.exatlas.compute.Compute;
import org.jspecify.annotations.Nullable;

/**
 * Takes the library's own secrets out of a resource's raw payload before it reaches the caller. Clouds echo the
 * environment a resource was created with, so the raw payload of a resource created with {@link AuthMode#BEARER}
 * or {@link AuthMode#SIGNED_URL} holds its generated secret.
 * <p>
 * The values of {@value AuthHandle#PRESHARED_KEY_ENV} and {@value AuthHandle#SIGNING_SECRET_ENV} become
 * {@value Secret#REDACTED} in each shape a cloud returns an environment in: {@code {"NAME": value}},
 * {@code "NAME=value"} (also inside a longer text, such as a cloud-init script), {@code {"key": "NAME",
 * "value": value}} and {@code ["NAME", value]}. On a spawn's result the generated secret is also removed
 * wherever else it appears. Environment values the caller chose are the caller's and are left as they are.
 */
final class RawPayloadRedaction {

	private static final Set<String> NAMES = Set.of(AuthHandle.PRESHARED_KEY_ENV, AuthHandle.SIGNING_SECRET_ENV);

	private static final Pattern ASSIGNMENT = Pattern
		.compile("\\b(" + AuthHandle.PRESHARED_KEY_ENV + "|" + AuthHandle.SIGNING_SECRET_ENV + ")=[^\\s\"']+");

	private static final String REPLACEMENT = "$1=" + Secret.REDACTED;

	private RawPayloadRedaction() {
	}

	/**
	 * A resource whose raw payload holds none of the library's secrets.
	 * @param compute the resource as the provider returned it
	 * @return the resource, itself when there was nothing to redact
	 */
	static Compute redact(Compute compute) {
		return redact(compute, null);
	}

	/**
	 * A resource whose raw payload holds none of the library's secrets, nor the one generated for it.
	 * @param compute the resource as the provider returned it
	 * @param generated the secret generated for its spawn, if any
	 * @return the resource, itself when there was nothing to redact
	 */
	static Compute redact(Compute compute, @Nullable Secret generated) {
		Object raw = redactValue(compute.raw(), generated);
		if (raw == compute.raw()) {
			return compute;
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> redacted = (Map<String, Object>) raw;
		return compute.toBuilder().raw(redacted).build();
	}

	private static @Nullable Object redactValue(@Nullable Object value, @Nullable Secret generated) {
		if (value instanceof String text) {
			return redactText(text, generated);
		}
		if (value instanceof Map<?, ?> map) {
			return redactMap(map, generated);
		}
		if (value instanceof List<?> list) {
			return redactList(list, generated);
		}
		return value;
	}

	private static String redactText(String text, @Nullable Secret generated) {
		String redacted = text;
		if (text.contains("ATLAS_")) {
			Matcher matcher = ASSIGNMENT.matcher(text);
			redacted = matcher.find() ? matcher.replaceAll(REPLACEMENT) : text;
		}
		if (generated != null) {
			redacted = generated.redactFrom(redacted);
		}
		return redacted.equals(text) ? text : redacted;
	}

	private static Map<?, ?> redactMap(Map<?, ?> map, @Nullable Secret generated) {
		boolean keyValueEntry = isSecretName(map.get("key")) || isSecretName(map.get("name"));
		Map<Object, @Nullable Object> copy = null;
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			Object value = entry.getValue();
			Object redacted = (value instanceof String && (isSecretName(entry.getKey())
					|| (keyValueEntry && "value".equals(entry.getKey())))) ? Secret.REDACTED
							: redactValue(value, generated);
			if (redacted != value && copy == null) {
				copy = new LinkedHashMap<>(map);
			}
			if (copy != null) {
				copy.put(entry.getKey(), redacted);
			}
		}
		return (copy != null) ? copy : map;
	}

	private static List<?> redactList(List<?> list, @Nullable Secret generated) {
		if (list.size() == 2 && isSecretName(list.get(0)) && list.get(1) instanceof String) {
			return List.of(list.get(0), Secret.REDACTED);
		}
		List<@Nullable Object> copy = null;
		for (int i = 0; i < list.size(); i++) {
			Object value = list.get(i);
			Object redacted = redactValue(value, generated);
			if (redacted != value && copy == null) {
				copy = new ArrayList<>(list);
			}
			if (copy != null) {
				copy.set(i, redacted);
			}
		}
		return (copy != null) ? copy : list;
	}

	private static boolean isSecretName(@Nullable Object name) {
		return name instanceof String text && NAMES.contains(text);
	}

}
