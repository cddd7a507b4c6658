package io.exatlas.admission.autoconfigure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.exatlas.internal.PropertyRules;
import io.exatlas.spend.BillingPeriod;
import io.exatlas.spend.Budget;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The built-in spawn policies; each applies only when set. The burn-rate caps and budgets need spend accounting
 * ({@code exatlas.spend.enabled}, on by default).
 */
@ConfigurationProperties("exatlas.admission")
public class AdmissionProperties implements Validator {

	/**
	 * Refuse offers above this price in USD per GPU-hour (placement attempts; unset: no limit).
	 */
	private @Nullable BigDecimal maxPricePerGpuHour;

	/**
	 * Refuse a session for a user who already has this many sessions tracked (unset: no limit).
	 */
	private @Nullable Integer maxSessionsPerUser;

	/**
	 * Refuse a spawn while all sessions together cost this much in USD per hour or more (unset: no cap).
	 */
	private @Nullable BigDecimal maxBurnRate;

	/**
	 * Refuse a spawn for a user whose sessions cost this much in USD per hour or more (unset: no cap).
	 */
	private @Nullable BigDecimal maxBurnRatePerUser;

	/**
	 * Budgets per day or month, per user or shared, checked in order against accrued spend.
	 */
	private List<BudgetProperties> budgets = new ArrayList<>();

	public @Nullable BigDecimal getMaxBurnRate() {
		return this.maxBurnRate;
	}

	public void setMaxBurnRate(@Nullable BigDecimal maxBurnRate) {
		this.maxBurnRate = maxBurnRate;
	}

	public @Nullable BigDecimal getMaxBurnRatePerUser() {
		return this.maxBurnRatePerUser;
	}

	public void setMaxBurnRatePerUser(@Nullable BigDecimal maxBurnRatePerUser) {
		this.maxBurnRatePerUser = maxBurnRatePerUser;
	}

	public List<BudgetProperties> getBudgets() {
		return this.budgets;
	}

	public void setBudgets(List<BudgetProperties> budgets) {
		this.budgets = budgets;
	}

	/**
	 * The budgets as settings.
	 * @return them, in order
	 */
	public List<Budget> toBudgets() {
		return this.budgets.stream()
			.map((budget) -> new Budget(budget.isPerUser(), budget.getPeriod(),
					Objects.requireNonNull(budget.getLimit(), "limit")))
			.toList();
	}

	public @Nullable BigDecimal getMaxPricePerGpuHour() {
		return this.maxPricePerGpuHour;
	}

	public void setMaxPricePerGpuHour(@Nullable BigDecimal maxPricePerGpuHour) {
		this.maxPricePerGpuHour = maxPricePerGpuHour;
	}

	public @Nullable Integer getMaxSessionsPerUser() {
		return this.maxSessionsPerUser;
	}

	public void setMaxSessionsPerUser(@Nullable Integer maxSessionsPerUser) {
		this.maxSessionsPerUser = maxSessionsPerUser;
	}

	@Override
	public boolean supports(Class<?> type) {
		return AdmissionProperties.class.isAssignableFrom(type);
	}

	/**
	 * Reject values that cannot work, after binding (Spring Boot reports each with the property and the reason).
	 * @param target this object
	 * @param errors the rejections
	 */
	@Override
	public void validate(Object target, Errors errors) {
		if (this.maxPricePerGpuHour != null && this.maxPricePerGpuHour.signum() < 0) {
			errors.rejectValue("maxPricePerGpuHour", "negative", "must not be negative");
		}
		if (this.maxSessionsPerUser != null) {
			PropertyRules.atLeast(errors, "maxSessionsPerUser", this.maxSessionsPerUser, 1);
		}
		if (this.maxBurnRate != null && this.maxBurnRate.signum() < 0) {
			errors.rejectValue("maxBurnRate", "negative", "must not be negative");
		}
		if (this.maxBurnRatePerUser != null && this.maxBurnRatePerUser.signum() < 0) {
			errors.rejectValue("maxBurnRatePerUser", "negative", "must not be negative");
		}
		for (int i = 0; i < this.budgets.size(); i++) {
			BigDecimal limit = this.budgets.get(i).getLimit();
			if (limit == null) {
				errors.rejectValue("budgets[" + i + "].limit", "required", "is required: the budget in USD");
			}
			else if (limit.signum() < 0) {
				errors.rejectValue("budgets[" + i + "].limit", "negative", "must not be negative");
			}
		}
	}

	/**
	 * One budget.
	 */
	public static class BudgetProperties {

		/**
		 * The calendar period the budget is for (day or month, in exatlas.spend.zone).
		 */
		private BillingPeriod period = BillingPeriod.MONTH;

		/**
		 * The budget in USD.
		 */
		private @Nullable BigDecimal limit;

		/**
		 * Whether each user has this budget; otherwise every session shares it.
		 */
		private boolean perUser;

		public BillingPeriod getPeriod() {
			return this.period;
		}

		public void setPeriod(BillingPeriod period) {
			this.period = period;
		}

		public @Nullable BigDecimal getLimit() {
			return this.limit;
		}

		public void setLimit(@Nullable BigDecimal limit) {
			this.limit = limit;
		}

		public boolean isPerUser() {
			return this.perUser;
		}

		public void setPerUser(boolean perUser) {
			this.perUser = perUser;
		}

	}

}
