with benefit_spells as (

    select * from {{ ref('stg_jobcenter__ydelser') }}

),

benefit_types as (

    select * from {{ ref('benefit_types') }}

),

rates as (

    select * from {{ ref('income_support_rates') }}

),

-- each public income support spell (not SU) as the ISO weeks it touches: Monday of its first and last week
support_spells as (

    select
        benefit_spells.kommunekode,
        benefit_spells.person_id,
        benefit_spells.benefit_code,
        benefit_spells.extract_date,
        {{ iso_week_start('benefit_spells.valid_from') }} as first_week,
        {{ iso_week_start('coalesce(benefit_spells.valid_to, benefit_spells.extract_date)') }} as last_week
    from benefit_spells
    inner join benefit_types on benefit_spells.benefit_code = benefit_types.code
    where
        benefit_types.is_public_income_support
        -- as int_support_weeks: every week from the start's week to the end's week
        and {{ iso_week_start('coalesce(benefit_spells.valid_to, benefit_spells.extract_date)') }}
        >= {{ iso_week_start('benefit_spells.valid_from') }}

),

rate_years as (

    select
        ydelse,
        min(year) as first_year,
        max(year) as last_year
    from rates
    group by ydelse

),

-- the weeks each rate applies to: the weeks of its ISO year; the first and last year's rates also before
-- and after the years in the seed
rate_periods as (

    select
        rates.ydelse,
        rates.dkk_per_week,
        case
            when rates.year = rate_years.first_year then date '1900-01-01'
            else {{ iso_year_start('rates.year') }}
        end as first_week,
        case
            when rates.year = rate_years.last_year then date '9999-12-27'
            else {{ iso_year_start('rates.year + 1') }} - 7
        end as last_week
    from rates
    inner join rate_years on rates.ydelse = rate_years.ydelse

),

-- spells cut at the ISO years' edges, each piece at its year's rate (no rate for the benefit: 0)
priced_pieces as (

    select
        support_spells.kommunekode,
        support_spells.person_id,
        support_spells.extract_date,
        greatest(support_spells.first_week, coalesce(rate_periods.first_week, support_spells.first_week))
            as first_week,
        least(support_spells.last_week, coalesce(rate_periods.last_week, support_spells.last_week)) as last_week,
        coalesce(rate_periods.dkk_per_week, 0) as dkk_per_week
    from support_spells
    left join rate_periods
        on support_spells.benefit_code = rate_periods.ydelse
        and support_spells.first_week <= rate_periods.last_week
        and support_spells.last_week >= rate_periods.first_week

),

-- every week where some piece starts or the week after some piece ends
boundaries as (

    select
        kommunekode,
        person_id,
        first_week as boundary
    from priced_pieces
    union
    select
        kommunekode,
        person_id,
        last_week + 7 as boundary
    from priced_pieces

),

-- between two neighbouring boundaries every week is covered by the same pieces
elementary_spans as (

    select
        kommunekode,
        person_id,
        boundary as first_week,
        lead(boundary) over (partition by kommunekode, person_id order by boundary) - 7 as last_week
    from boundaries

),

covered_spans as (

    select
        elementary_spans.kommunekode,
        elementary_spans.person_id,
        elementary_spans.first_week,
        elementary_spans.last_week,
        max(priced_pieces.dkk_per_week) as dkk_per_week,
        max(priced_pieces.extract_date) as extract_date
    from elementary_spans
    inner join priced_pieces
        on elementary_spans.kommunekode = priced_pieces.kommunekode
        and elementary_spans.person_id = priced_pieces.person_id
        and elementary_spans.first_week between priced_pieces.first_week and priced_pieces.last_week
    group by
        elementary_spans.kommunekode, elementary_spans.person_id, elementary_spans.first_week,
        elementary_spans.last_week

),

flagged as (

    select
        *,
        case
            when
                lag(last_week) over by_person + 7 = first_week
                and lag(dkk_per_week) over by_person = dkk_per_week
                then 0
            else 1
        end as is_new_segment
    from covered_spans
    window by_person as (partition by kommunekode, person_id order by first_week)

),

numbered as (

    select
        *,
        sum(is_new_segment) over (
            partition by kommunekode, person_id order by first_week rows unbounded preceding
        ) as segment_number
    from flagged

),

final as (

    select
        kommunekode,
        person_id,
        segment_number,
        min(first_week) as segment_start,
        max(last_week) + 6 as segment_end,
        date_diff('day', min(first_week), max(last_week)) // 7 + 1 as weeks,
        min(dkk_per_week) as dkk_per_week,
        max(extract_date) as extract_date
    from numbered
    group by kommunekode, person_id, segment_number

)

select * from final
