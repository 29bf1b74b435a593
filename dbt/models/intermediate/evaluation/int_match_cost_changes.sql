with matches as (

    select * from {{ ref('int_comparison_matches') }}

),

enrolment_costs as (

    select * from {{ ref('int_enrolment_costs') }}

),

period_costs as (

    select * from {{ ref('int_period_costs') }}

),

final as (

    select
        matches.enrolment_id,
        matches.comparison_family_id,
        cast(
            coalesce(during_enrolment.cost_dkk, 0)
            - coalesce(year_before_start.cost_dkk, 0) * enrolment_costs.enrolment_days / 365
            as decimal(18, 4)
        ) as cost_change_dkk
    from matches
    inner join enrolment_costs on matches.enrolment_id = enrolment_costs.enrolment_id
    left join period_costs as year_before_start
        on matches.enrolment_id || '|' || matches.comparison_family_id || '|comparison_year_before_start'
        = year_before_start.period_id
    left join period_costs as during_enrolment
        on matches.enrolment_id || '|' || matches.comparison_family_id || '|comparison_enrolment'
        = during_enrolment.period_id

)

select * from final
