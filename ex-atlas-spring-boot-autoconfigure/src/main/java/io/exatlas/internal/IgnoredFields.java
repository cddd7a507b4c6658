package io.exatlas.internal;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.exatlas.ExAtlasException;
import io.exatlas.compute.ComputeRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Makes a provider's gaps visible: a {@link ComputeRequest} field the provider's API has no place for is logged
 * as a warning the first time it is seen (once per provider and field, so a busy application's log does not fill
 * up), never silently dropped; and provider options the API does not accept are rejected before anything is sent.
 */
public final class IgnoredFields {

	private static final Log logger = LogFactory.getLog(IgnoredFields.class);

	private final String provider;

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	/**
	 * Create the helper for one provider.
	 * @param provider the provider id
	 */
	public IgnoredFields(String provider) {
		this.provider = provider;
	}

	/**
	 * Report that a request field was set but is not sent.
	 * @param field the request field, e.g. {@code volumeGb}
	 * @param why what the provider does instead
	 */
	public void ignore(String field, String why) {
		if (this.warned.add(field)) {
			logger.warn("Provider '" + this.provider + "' ignores ComputeRequest." + field + ": " + why
					+ " (logged once)");
		}
	}

	/**
	 * The fields reported so far.
	 * @return the field names
	 */
	public Set<String> reported() {
		return Set.copyOf(this.warned);
	}

	/**
	 * Reject provider options the API does not accept.
	 * @param request the request
	 * @param accepted the accepted option names
	 * @param api the API, for the message
	 * @throws ExAtlasException of kind {@code VALIDATION} naming the unknown and the accepted options
	 */
	public void rejectUnknownOptions(ComputeRequest request, Set<String> accepted, String api) {
		Set<String> unknown = new TreeSet<>(request.providerOptions().keySet());
		unknown.removeAll(accepted);
		if (!unknown.isEmpty()) {
			throw ExAtlasException.validation(this.provider, api + " does not accept the provider options " + unknown
					+ "; accepted: " + new TreeSet<>(accepted) + ". Nothing was sent");
		}
	}

}
