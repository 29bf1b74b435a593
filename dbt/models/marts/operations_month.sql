with operations_months as (

    select * from {{ ref('int_operations_months') }}

),

caseworker_months as (

    select * from {{ ref('int_caseworker_months') }}

),

families_month as (

    select * from {{ ref('int_families_month') }}

),

family_involvement as (

    select * from {{ ref('int_family_month_involvement') }}

),

placement_periods as (

    select * from {{ ref('int_placement_periods') }}

),

notifications as (

    select * from {{ ref('stg_boern__underretninger') }}

),

caseloads as (

    select
        kommunekode,
        month,
        count(*) filter (where is_employed) as caseworkers_n,
        sum(open_cases_n) filter (where is_employed) as open_cases_n,
        sum(open_cases_n) filter (where not is_employed) as open_cases_unknown_caseworker_n
    from caseworker_months
    group by kommunekode, month

),

involvement as (

    select
        kommunekode,
        month,
        count(*) filter (where caseworkers_n > 0) as families_with_caseworker_n,
        sum(caseworkers_n) as caseworkers_of_families_sum,
        count(*) filter (where systems_n = 1) as families_systems_1_n,
        count(*) filter (where systems_n = 2) as families_systems_2_n,
        count(*) filter (where systems_n = 3) as families_systems_3_n,
        count(*) filter (where systems_n = 4) as families_systems_4_n
    from family_involvement
    group by kommunekode, month

),

placements as (

    select
        operations_months.kommunekode,
        operations_months.month,
        count(distinct placement_periods.person_id) filter (
            where operations_months.status_date between placement_periods.start_date and placement_periods.end_date
        ) as children_placed_n,
        sum({{ overlap_days(
            'placement_periods.start_date', 'placement_periods.end_date',
            'operations_months.month', 'operations_months.status_date',
        ) }}) as placement_days
    from operations_months
    inner join placement_periods
        on operations_months.kommunekode = placement_periods.kommunekode
        and operations_months.status_date >= placement_periods.start_date
        and operations_months.month <= placement_periods.end_date
    group by operations_months.kommunekode, operations_months.month

),

notified as (

    select
        operations_months.kommunekode,
        operations_months.month,
        count(*) as notifications_n
    from notifications
    inner join operations_months
        on notifications.kommunekode = operations_months.kommunekode
        and cast(date_trunc('month', notifications.received_date) as date) = operations_months.month
    group by operations_months.kommunekode, operations_months.month

),

final as (

    select
        operations_months.kommunekode,
        operations_months.month,
        operations_months.status_date,
        cast(coalesce(caseloads.caseworkers_n, 0) as bigint) as caseworkers_n,
        cast(coalesce(caseloads.open_cases_n, 0) as bigint) as open_cases_n,
        cast(coalesce(caseloads.open_cases_unknown_caseworker_n, 0) as bigint) as open_cases_unknown_caseworker_n,
        case
            when caseloads.caseworkers_n > 0 then 1.0 * coalesce(caseloads.open_cases_n, 0) / caseloads.caseworkers_n
        end as caseload_per_caseworker,
        cast(coalesce(caseloads.caseworkers_n, 0) as bigint) as caseload_per_caseworker_denominator,
        case
            when involvement.families_with_caseworker_n > 0
                then 1.0 * involvement.caseworkers_of_families_sum / involvement.families_with_caseworker_n
        end as caseworkers_per_family,
        cast(coalesce(involvement.families_with_caseworker_n, 0) as bigint) as caseworkers_per_family_denominator,
        cast(coalesce(placements.children_placed_n, 0) as bigint) as children_placed_n,
        cast(coalesce(placements.placement_days, 0) as bigint) as placement_days,
        cast(coalesce(notified.notifications_n, 0) as bigint) as notifications_n,
        families_month.families_n,
        families_month.families_n
        - coalesce(involvement.families_systems_1_n, 0)
        - coalesce(involvement.families_systems_2_n, 0)
        - coalesce(involvement.families_systems_3_n, 0)
        - coalesce(involvement.families_systems_4_n, 0) as families_systems_0_n,
        cast(coalesce(involvement.families_systems_1_n, 0) as bigint) as families_systems_1_n,
        cast(coalesce(involvement.families_systems_2_n, 0) as bigint) as families_systems_2_n,
        cast(coalesce(involvement.families_systems_3_n, 0) as bigint) as families_systems_3_n,
        cast(coalesce(involvement.families_systems_4_n, 0) as bigint) as families_systems_4_n
    from operations_months
    inner join families_month
        on operations_months.kommunekode = families_month.kommunekode
        and operations_months.month = families_month.month
    left join caseloads
        on operations_months.kommunekode = caseloads.kommunekode
        and operations_months.month = caseloads.month
    left join involvement
        on operations_months.kommunekode = involvement.kommunekode
        and operations_months.month = involvement.month
    left join placements
        on operations_months.kommunekode = placements.kommunekode
        and operations_months.month = placements.month
    left join notified
        on operations_months.kommunekode = notified.kommunekode
        and operations_months.month = notified.month

)

select * from final
