{#-
    Pricing, one source of truth for int_spell_costs (enrolment periods, family months) and
    int_person_month_costs (every person and month): docs/indicators.md, Cost. Each row's cost is computed
    from its own inputs and cast to DECIMAL(18,4) at once; sums are then exact decimal sums, so two runs on
    the same data give the same totals. Days are inclusive at both ends.
-#}

{#- Income support: the days of a support segment (or week) inside a period at a weekly rate. -#}
{% macro support_cost(dkk_per_week, days) -%}
    cast(({{ dkk_per_week }}) * ({{ days }}) / 7.0 as decimal(18, 4))
{%- endmacro %}

{#- A measure spell's cost inside [period_start, period_end], by its rate unit (seed rate_units):
    per_day takst × days / days_per_unit, per_hour takst × timer_pr_uge × days / 7 (missing hours: 0),
    once: takst when the spell starts inside the period. -#}
{% macro measure_cost(spell, rate_unit, period_start, period_end) -%}
    cast(
        case {{ rate_unit }}.pricing
            when 'per_day'
                then
                    {{ spell }}.rate_dkk
                    * {{ overlap_days(spell ~ '.start_date', spell ~ '.end_date', period_start, period_end) }}
                    / {{ rate_unit }}.days_per_unit
            when 'per_hour'
                then
                    {{ spell }}.rate_dkk * coalesce({{ spell }}.hours_per_week, 0)
                    * {{ overlap_days(spell ~ '.start_date', spell ~ '.end_date', period_start, period_end) }}
                    / {{ rate_unit }}.days_per_unit
            when 'once' then
                case
                    when {{ spell }}.start_date between {{ period_start }} and {{ period_end }}
                        then {{ spell }}.rate_dkk
                    else 0
                end
        end as decimal(18, 4)
    )
{%- endmacro %}

{#- The cost component of a measure spell: adult_measures, placements or child_measures. -#}
{% macro measure_cost_category(spell) -%}
    case
        when {{ spell }}.measure_kind = 'adult' then 'adult_measures'
        when {{ spell }}.is_placement then 'placements'
        else 'child_measures'
    end
{%- endmacro %}

{#- Monday of ISO week 1 of an ISO year (the week holding 4 January). -#}
{% macro iso_year_start(year_expr) -%}
    {{ iso_week_start('make_date(' ~ year_expr ~ ', 1, 4)') }}
{%- endmacro %}
