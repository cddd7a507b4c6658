package io.exatlas.spend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

import io.exatlas.admission.AdmissionDecision;
import io.exatlas.admission.AdmissionRequest;
import io.exatlas.admission.SpawnPolicy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Refuses a spawn once a budget for the current day or month is spent (per user, or for everyone), counting settled
 * spend and the running part of live sessions; the first budget spent, in order, is named in the rejection (code
 * {@code budget}). A session already running is not stopped by a budget: its lifetime and idle settings bound what
 * it costs. Per-user budgets admit requests without a user.
 */
public final class BudgetPolicy implements SpawnPolicy {

	private final List<Budget> budgets;

	private final SpendAccounting accounting;

	/**
	 * Create the policy.
	 * @param budgets the budgets, checked in order
	 * @param accounting the spend figures
	 */
	public BudgetPolicy(List<Budget> budgets, SpendAccounting accounting) {
		this.budgets = List.copyOf(budgets);
		this.accounting = Objects.requireNonNull(accounting, "accounting");
	}

	@Override
	public Mono<AdmissionDecision> evaluate(AdmissionRequest request) {
		String user = request.userId();
		return Flux.fromIterable(this.budgets)
			.filter((budget) -> !budget.perUser() || user != null)
			.concatMap((budget) -> Mono
				.fromCallable(() -> this.accounting.spent(budget.perUser() ? SpendScope.user(Objects.requireNonNull(user))
						: SpendScope.all(), budget.period()))
				.subscribeOn(Schedulers.boundedElastic())
				.filter((spent) -> spent.compareTo(budget.limit()) >= 0)
				.map((spent) -> AdmissionDecision.reject(spent(spent) + " is spent of " + budget.describe())))
			.next()
			.defaultIfEmpty(AdmissionDecision.admit());
	}

	private static String spent(BigDecimal spent) {
		return spent.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " USD";
	}

	/**
	 * The budgets, in order.
	 * @return them
	 */
	public List<Budget> budgets() {
		return this.budgets;
	}

	@Override
	public String name() {
		return "budget";
	}

	@Override
	public String toString() {
		return "BudgetPolicy" + this.budgets;
	}

}
