with enrolments as (

    select * from {{ ref('int_enrolments') }}

),

child_months as (

    select * from {{ ref('int_event_study_child_months') }}

),

relative_months as (

    select cast(unnest(generate_series(-6, 6)) as integer) as relative_month

),

-- every programme of every municipality gets all 13 months, also where no parent became self-supporting
programmes as (

    select distinct
        kommunekode,
        program
    from enrolments

),

grid as (

    select
        programmes.kommunekode,
        programmes.program,
        relative_months.relative_month
    from programmes
    cross join relative_months

),

totals as (

    select
        kommunekode,
        program,
        relative_month,
        count(distinct enrolment_id) as families_n,
        count(distinct person_id) as children_n,
        count(*) as child_months,
        sum(active_measures_n) as active_measures_n
    from child_months
    group by kommunekode, program, relative_month

),

final as (

    select
        grid.kommunekode,
        grid.program,
        grid.relative_month,
        cast(coalesce(totals.families_n, 0) as bigint) as families_n,
        cast(coalesce(totals.children_n, 0) as bigint) as children_n,
        cast(coalesce(totals.child_months, 0) as bigint) as child_months,
        cast(coalesce(totals.active_measures_n, 0) as bigint) as active_measures_n,
        case
            when totals.child_months > 0 then 1.0 * totals.active_measures_n / totals.child_months
        end as measures_per_child_month,
        cast(coalesce(totals.child_months, 0) as bigint) as measures_per_child_month_denominator
    from grid
    left join totals
        on grid.kommunekode = totals.kommunekode
        and grid.program = totals.program
        and grid.relative_month = totals.relative_month

)

select * from final
