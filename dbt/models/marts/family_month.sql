with family_months as (

    select * from {{ ref('int_family_months') }}

),

month_members as (

    select * from {{ ref('int_family_month_members') }}

),

cost_periods as (

    select * from {{ ref('int_cost_periods') }}
    where period_kind = 'month'

),

spell_costs as (

    select * from {{ ref('int_spell_costs') }}

),

member_counts as (

    select
        family_id,
        program,
        month,
        count(*) as n_members,
        count(*) filter (where is_adult) as n_adults,
        count(*) filter (where is_child) as n_children,
        count(*) filter (where is_adult and is_on_support) as adults_on_support_n,
        count(*) filter (where is_adult and is_self_supporting) as adults_self_supporting_n,
        count(*) filter (where is_child and has_open_case) as children_open_case_n,
        sum(active_measures_n) as active_measures_n,
        count(*) filter (where is_child and is_placed) as children_placed_n,
        sum(placement_days) filter (where is_child) as placement_days
    from month_members
    group by family_id, program, month

),

month_costs as (

    select
        cost_periods.family_id,
        cost_periods.program,
        cost_periods.month,
        sum(spell_costs.cost_dkk) filter (where spell_costs.cost_category = 'income_support')
            as cost_income_support_dkk,
        sum(spell_costs.cost_dkk) filter (where spell_costs.cost_category = 'child_measures')
            as cost_child_measures_dkk,
        sum(spell_costs.cost_dkk) filter (where spell_costs.cost_category = 'placements') as cost_placements_dkk,
        sum(spell_costs.cost_dkk) filter (where spell_costs.cost_category = 'adult_measures') as cost_adult_measures_dkk
    from cost_periods
    inner join spell_costs
        on cost_periods.period_id = spell_costs.period_id
        and cost_periods.person_id = spell_costs.person_id
    group by cost_periods.family_id, cost_periods.program, cost_periods.month

),

-- exact decimal sums rounded to øre; the total is the sum of the published components
rows_with_costs as (

    select
        family_months.kommunekode,
        family_months.family_id,
        family_months.program,
        family_months.month,
        family_months.is_enrolled,
        coalesce(member_counts.n_members, 0) as n_members,
        coalesce(member_counts.n_adults, 0) as n_adults,
        coalesce(member_counts.n_children, 0) as n_children,
        coalesce(member_counts.adults_on_support_n, 0) as adults_on_support_n,
        coalesce(member_counts.adults_self_supporting_n, 0) as adults_self_supporting_n,
        coalesce(member_counts.children_open_case_n, 0) as children_open_case_n,
        cast(coalesce(member_counts.active_measures_n, 0) as bigint) as active_measures_n,
        coalesce(member_counts.children_placed_n, 0) as children_placed_n,
        cast(coalesce(member_counts.placement_days, 0) as bigint) as placement_days,
        cast(coalesce(month_costs.cost_income_support_dkk, 0) as decimal(18, 2)) as cost_income_support_dkk,
        cast(coalesce(month_costs.cost_child_measures_dkk, 0) as decimal(18, 2)) as cost_child_measures_dkk,
        cast(coalesce(month_costs.cost_placements_dkk, 0) as decimal(18, 2)) as cost_placements_dkk,
        cast(coalesce(month_costs.cost_adult_measures_dkk, 0) as decimal(18, 2)) as cost_adult_measures_dkk
    from family_months
    left join member_counts
        on family_months.family_id = member_counts.family_id
        and family_months.program = member_counts.program
        and family_months.month = member_counts.month
    left join month_costs
        on family_months.family_id = month_costs.family_id
        and family_months.program = month_costs.program
        and family_months.month = month_costs.month

),

final as (

    select
        *,
        cast(
            cost_income_support_dkk + cost_child_measures_dkk + cost_placements_dkk + cost_adult_measures_dkk
            as decimal(18, 2)
        ) as cost_total_dkk
    from rows_with_costs

)

select * from final
