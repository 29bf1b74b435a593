with benefit_spells as (

    select * from {{ ref('stg_jobcenter__ydelser') }}

),

benefit_types as (

    select * from {{ ref('benefit_types') }}

),

rates as (

    select * from {{ ref('income_support_rates') }}

),

enrolled_persons as (

    select distinct
        kommunekode,
        person_id
    from {{ ref('int_enrolment_members') }}

),

support_spells as (

    select
        benefit_spells.kommunekode,
        benefit_spells.person_id,
        benefit_spells.benefit_code,
        benefit_spells.valid_from,
        coalesce(benefit_spells.valid_to, benefit_spells.extract_date) as valid_to
    from benefit_spells
    inner join enrolled_persons
        on benefit_spells.kommunekode = enrolled_persons.kommunekode
        and benefit_spells.person_id = enrolled_persons.person_id
    inner join benefit_types on benefit_spells.benefit_code = benefit_types.code
    where benefit_types.is_public_income_support

),

spell_weeks as (

    select
        kommunekode,
        person_id,
        benefit_code,
        cast(unnest(generate_series(
            {{ iso_week_start('valid_from') }}, {{ iso_week_start('valid_to') }}, interval 7 day
        )) as date) as week_start
    from support_spells

),

rate_years as (

    select
        min(year) as first_year,
        max(year) as last_year
    from rates

),

priced_spell_weeks as (

    select
        spell_weeks.*,
        coalesce(rates.dkk_per_week, 0) as dkk_per_week
    from spell_weeks
    cross join rate_years
    left join rates
        on spell_weeks.benefit_code = rates.ydelse
        and rates.year = least(greatest(isoyear(spell_weeks.week_start), rate_years.first_year), rate_years.last_year)

),

final as (

    select
        kommunekode,
        person_id,
        week_start,
        count(distinct benefit_code) as n_benefits,
        arg_max(benefit_code, dkk_per_week) as priced_benefit_code,
        max(dkk_per_week) as dkk_per_week
    from priced_spell_weeks
    group by kommunekode, person_id, week_start

)

select * from final
