with enrolments as (

    select * from {{ ref('int_enrolments') }}

),

period_costs as (

    select * from {{ ref('int_period_costs') }}

),

final as (

    select
        enrolments.enrolment_id,
        cast(coalesce(year_before_start.cost_dkk, 0) as decimal(18, 4)) as cost_year_before_dkk,
        cast(coalesce(during_enrolment.cost_dkk, 0) as decimal(18, 4)) as cost_during_dkk,
        date_diff('day', enrolments.enrolment_start, enrolments.enrolment_end) + 1 as enrolment_days,
        -- an exact decimal sum × 365 / days, rounded at once: the same on every run
        cast(
            coalesce(during_enrolment.cost_dkk, 0) * 365
            / (date_diff('day', enrolments.enrolment_start, enrolments.enrolment_end) + 1)
            as decimal(18, 4)
        ) as cost_per_year_during_dkk
    from enrolments
    left join period_costs as year_before_start
        on enrolments.enrolment_id || '|year_before_start' = year_before_start.period_id
    left join period_costs as during_enrolment
        on enrolments.enrolment_id || '|enrolment' = during_enrolment.period_id

)

select * from final
