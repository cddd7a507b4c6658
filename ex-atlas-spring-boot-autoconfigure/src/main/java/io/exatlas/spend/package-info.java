/**
 * Spend accounting: what each session has cost so far ({@link io.exatlas.spend.SessionSpend}, kept in the session
 * registry), settled day by day into a {@link io.exatlas.spend.SpendLedger}; figures per user, per provider and for
 * everyone ({@link io.exatlas.spend.SpendAccounting}); and the spawn policies that cap burn rates and budgets.
 */
@NullMarked
package io.exatlas.spend;

import org.jspecify.annotations.NullMarked;
