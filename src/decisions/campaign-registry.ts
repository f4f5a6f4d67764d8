import type { Liquid, Template } from 'liquidjs';
import type { Campaign, Variant } from '../campaigns/campaign.js';
import type { CampaignStore } from '../campaigns/campaign-store.js';
import { compileCondition, type CompiledCondition } from '../campaigns/conditions/compile-condition.js';
import { countQueriesOf, eventNamesOf, parseDuration, type CountQuery } from '../campaigns/conditions/condition.js';
import { parseCondition } from '../campaigns/conditions/parse-condition.js';

export interface CompiledTemplates {
  title?: Template[];
  body: Template[];
  ctaLabel?: Template[];
  ctaUrl?: Template[];
  imageUrl?: Template[];
}

export interface CompiledVariant {
  variant: Variant;
  templates: CompiledTemplates;
  /** Every `root.path` the variant's templates read, e.g. `product.purchasesToday`. */
  facts: string[];
  /**
   * Facts a render of this variant has failed without (learned at render time, see render-variant.ts):
   * checked before rendering, so a shopper who lacks one costs a lookup, not a thrown error.
   */
  requiredFacts: Set<string>;
}

/** A goal without `within` counts conversions up to a week after the exposure. */
export const DEFAULT_ATTRIBUTION_WINDOW = '7d';

export interface CampaignGoal {
  campaignId: string;
  event: string;
  windowMs: number;
}

export interface CompiledCampaign {
  campaign: Campaign;
  audience?: CompiledCondition;
  /** An `event` trigger's condition over the event and the profile. */
  triggerWhen?: CompiledCondition;
  /** The event names an `event` trigger can match at all (a cheap first test); undefined: any. */
  triggerEventNames?: ReadonlySet<string>;
  /** A `cart_abandonment` trigger's wait. */
  abandonAfterMs?: number;
  /** The event counts the audience and trigger ask for, fetched once per decision. */
  countQueries: CountQuery[];
  startsAt?: number;
  endsAt?: number;
  minIntervalMs?: number;
  variants: CompiledVariant[];
}

/**
 * The active campaigns, parsed and compiled once per change rather than per decision: conditions
 * become closures, templates parsed Liquid. Refreshed by the campaign service after every change.
 */
export class CampaignRegistry {
  private compiled: CompiledCampaign[] = [];
  private triggeredOnes: CompiledCampaign[] = [];
  private goals: CampaignGoal[] = [];
  private loaded: Promise<void> | undefined;

  constructor(
    private readonly campaigns: Pick<CampaignStore, 'list'>,
    private readonly liquid: Liquid,
  ) {}

  refresh(): Promise<void> {
    this.loaded = this.campaigns.list().then((campaigns) => {
      this.compiled = campaigns.filter((campaign) => campaign.status === 'active').map((campaign) => this.compile(campaign));
      this.triggeredOnes = this.compiled.filter((compiled) => compiled.campaign.trigger.type !== 'placement');
      this.goals = campaigns.filter((campaign) => campaign.status !== 'draft' && campaign.goal !== undefined).map((campaign) => ({
        campaignId: campaign.id,
        event: campaign.goal!.event,
        windowMs: parseDuration(campaign.goal!.within ?? DEFAULT_ATTRIBUTION_WINDOW)!,
      }));
    });
    return this.loaded;
  }

  /** The active campaigns, loaded from the store on first use. */
  async active(): Promise<readonly CompiledCampaign[]> {
    await (this.loaded ?? this.refresh());
    return this.compiled;
  }

  /** The active campaigns started by a trigger rather than pulled by a placement (asked on every ingested batch). */
  async triggered(): Promise<readonly CompiledCampaign[]> {
    await (this.loaded ?? this.refresh());
    return this.triggeredOnes;
  }

  /** The goals of every campaign that has run (active, paused or ended): conversions are attributed to them. */
  async campaignGoals(): Promise<readonly CampaignGoal[]> {
    await (this.loaded ?? this.refresh());
    return this.goals;
  }

  private compile(campaign: Campaign): CompiledCampaign {
    const compiled: CompiledCampaign = {
      campaign,
      countQueries: [],
      variants: campaign.variants.map((variant) => this.compileVariant(variant)),
    };
    if (campaign.audience !== undefined) {
      const audience = parseCondition(campaign.audience, 'audience');
      compiled.audience = compileCondition(audience);
      compiled.countQueries = countQueriesOf(audience);
    }
    if (campaign.trigger.type === 'event') {
      const when = parseCondition(campaign.trigger.when, 'trigger.when');
      compiled.triggerWhen = compileCondition(when);
      compiled.countQueries.push(...countQueriesOf(when));
      const names = eventNamesOf(when);
      if (names !== undefined) compiled.triggerEventNames = names;
    }
    if (campaign.trigger.type === 'cart_abandonment') compiled.abandonAfterMs = parseDuration(campaign.trigger.after);
    if (campaign.schedule?.startsAt !== undefined) compiled.startsAt = Date.parse(campaign.schedule.startsAt);
    if (campaign.schedule?.endsAt !== undefined) compiled.endsAt = Date.parse(campaign.schedule.endsAt);
    const minInterval = campaign.caps?.minInterval === undefined ? undefined : parseDuration(campaign.caps.minInterval);
    if (minInterval !== undefined) compiled.minIntervalMs = minInterval;
    return compiled;
  }

  private compileVariant(variant: Variant): CompiledVariant {
    const { title, body, cta, imageUrl } = variant.content;
    const templates: CompiledTemplates = { body: this.liquid.parse(body) };
    if (title !== undefined) templates.title = this.liquid.parse(title);
    if (cta !== undefined) {
      templates.ctaLabel = this.liquid.parse(cta.label);
      templates.ctaUrl = this.liquid.parse(cta.url);
    }
    if (imageUrl !== undefined) templates.imageUrl = this.liquid.parse(imageUrl);
    const facts = new Set<string>();
    for (const parsed of Object.values(templates) as Template[][]) {
      for (const path of this.liquid.globalFullVariablesSync(parsed)) facts.add(path);
    }
    return { variant, templates, facts: [...facts], requiredFacts: new Set() };
  }
}
