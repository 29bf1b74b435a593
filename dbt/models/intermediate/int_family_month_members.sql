with family_months as (

    select * from {{ ref('int_family_months') }}

),

memberships as (

    select * from {{ ref('int_family_membership') }}

),

self_supporting_weeks as (

    select * from {{ ref('int_self_supporting_weeks') }}

),

cases as (

    select * from {{ ref('stg_boern__sager') }}

),

measure_spells as (

    select * from {{ ref('int_measure_spells') }}

),

placement_periods as (

    select * from {{ ref('int_placement_periods') }}

),

month_members as (

    select
        family_months.kommunekode,
        family_months.family_id,
        family_months.program,
        family_months.month,
        family_months.status_date,
        memberships.person_id,
        memberships.role = 'VOKSEN'
        and coalesce({{ age_in_years('memberships.birth_date', 'family_months.status_date') }} between 18 and 64, false)
            as is_adult,
        memberships.role = 'BARN' as is_child
    from family_months
    inner join memberships
        on family_months.kommunekode = memberships.kommunekode
        and family_months.family_id = memberships.family_id
        and family_months.program = memberships.program
        and family_months.status_date >= memberships.member_from
        and family_months.month <= memberships.member_to

),

open_cases as (

    select distinct
        month_members.family_id,
        month_members.program,
        month_members.month,
        month_members.person_id
    from month_members
    inner join cases
        on month_members.kommunekode = cases.kommunekode
        and month_members.person_id = cases.child_id
        and month_members.status_date >= cases.opened_date
        and (cases.closed_date is null or month_members.status_date < cases.closed_date)

),

active_measures as (

    select
        month_members.family_id,
        month_members.program,
        month_members.month,
        month_members.person_id,
        count(*) as active_measures_n,
        bool_or(measure_spells.is_placement) as is_placed
    from month_members
    inner join measure_spells
        on month_members.kommunekode = measure_spells.kommunekode
        and month_members.person_id = measure_spells.person_id
        and month_members.status_date between measure_spells.start_date and measure_spells.end_date
    group by month_members.family_id, month_members.program, month_members.month, month_members.person_id

),

placement_days as (

    select
        month_members.family_id,
        month_members.program,
        month_members.month,
        month_members.person_id,
        sum({{ overlap_days(
            'placement_periods.start_date', 'placement_periods.end_date',
            'month_members.month', 'month_members.status_date',
        ) }}) as placement_days
    from month_members
    inner join placement_periods
        on month_members.kommunekode = placement_periods.kommunekode
        and month_members.person_id = placement_periods.person_id
        and month_members.status_date >= placement_periods.start_date
        and month_members.month <= placement_periods.end_date
    group by month_members.family_id, month_members.program, month_members.month, month_members.person_id

),

final as (

    select
        month_members.*,
        coalesce(status_week.is_on_support, false) as is_on_support,
        coalesce(status_week.is_self_supporting, false) as is_self_supporting,
        open_cases.person_id is not null as has_open_case,
        coalesce(active_measures.active_measures_n, 0) as active_measures_n,
        coalesce(active_measures.is_placed, false) as is_placed,
        coalesce(placement_days.placement_days, 0) as placement_days
    from month_members
    left join self_supporting_weeks as status_week
        on month_members.kommunekode = status_week.kommunekode
        and month_members.family_id = status_week.family_id
        and month_members.program = status_week.program
        and month_members.person_id = status_week.person_id
        and {{ iso_week_start('month_members.status_date') }} = status_week.week_start
    left join open_cases
        on month_members.family_id = open_cases.family_id
        and month_members.program = open_cases.program
        and month_members.month = open_cases.month
        and month_members.person_id = open_cases.person_id
    left join active_measures
        on month_members.family_id = active_measures.family_id
        and month_members.program = active_measures.program
        and month_members.month = active_measures.month
        and month_members.person_id = active_measures.person_id
    left join placement_days
        on month_members.family_id = placement_days.family_id
        and month_members.program = placement_days.program
        and month_members.month = placement_days.month
        and month_members.person_id = placement_days.person_id

)

select * from final
