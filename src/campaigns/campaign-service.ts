import type { Liquid } from 'liquidjs';
import type { Clock } from '../shared/clock.js';
import { Errors } from '../shared/errors.js';
import type { Campaign, CampaignInput, CampaignStatus } from './campaign.js';
import type { CampaignStore } from './campaign-store.js';
import { checkCampaign } from './campaign-validation.js';

/** The moves a campaign's status may make; `ended` is final, so its measurements stay as they were. */
const TRANSITIONS: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['active', 'ended'],
  active: ['paused', 'ended'],
  paused: ['active', 'ended'],
  ended: [],
};

export interface CampaignServiceDeps {
  store: CampaignStore;
  clock: Clock;
  liquid: Liquid;
  newCampaignId: () => string;
  /** Awaited after every change, so whoever serves campaigns (the decision engine) is current when the API answers. */
  onChange?: () => Promise<void>;
}

/**
 * Campaigns as data: create, replace, move through their statuses, delete drafts. Everything a
 * campaign says is checked before it is stored (campaign-validation.ts); edits are compare-and-set on
 * the version, answered 409 when someone else saved first.
 */
export class CampaignService {
  constructor(private readonly deps: CampaignServiceDeps) {}

  async create(input: CampaignInput): Promise<Campaign> {
    const status = input.status ?? 'draft';
    if (status !== 'draft' && status !== 'active') throw Errors.invalidRequest([{ field: 'status', problem: 'a new campaign starts as draft or active' }]);
    checkCampaign(input, this.deps.liquid);
    const now = new Date(this.deps.clock.now()).toISOString();
    const campaign = withDefaults(input, { id: this.deps.newCampaignId(), status, version: 1, createdAt: now, updatedAt: now });
    if (!(await this.deps.store.save(campaign, undefined))) throw Errors.conflict('id', `a campaign with id ${campaign.id} already exists`);
    await this.deps.onChange?.();
    return campaign;
  }

  async get(id: string): Promise<Campaign> {
    const campaign = await this.deps.store.get(id);
    if (!campaign) throw Errors.campaignNotFound(id);
    return campaign;
  }

  list(status?: CampaignStatus): Promise<Campaign[]> {
    return this.deps.store.list(status === undefined ? {} : { status });
  }

  /** Replaces a campaign's definition; `input.version`, when given, must be the stored version. */
  async replace(id: string, input: CampaignInput): Promise<Campaign> {
    const current = await this.get(id);
    if (input.version !== undefined && input.version !== current.version) {
      throw Errors.conflict('version', `the campaign is at version ${current.version}, not ${input.version}; reload it and apply your change again`);
    }
    if (current.status === 'ended') throw Errors.conflict('status', 'an ended campaign cannot be changed; copy it into a new one');
    const status = input.status ?? current.status;
    assertTransition(current.status, status);
    checkCampaign(input, this.deps.liquid);
    const next = withDefaults(input, {
      id,
      status,
      version: current.version + 1,
      createdAt: current.createdAt,
      updatedAt: new Date(this.deps.clock.now()).toISOString(),
    });
    return this.saveOver(next, current.version);
  }

  async setStatus(id: string, status: CampaignStatus): Promise<Campaign> {
    const current = await this.get(id);
    if (current.status === status) return current;
    assertTransition(current.status, status);
    return this.saveOver({ ...current, status, version: current.version + 1, updatedAt: new Date(this.deps.clock.now()).toISOString() }, current.version);
  }

  /** Only drafts are deleted: a campaign that ran is ended instead, so its decisions stay measurable. */
  async delete(id: string): Promise<void> {
    const current = await this.get(id);
    if (current.status !== 'draft') throw Errors.conflict('status', `a ${current.status} campaign is not deleted; end it instead, so its results stay measurable`);
    await this.deps.store.delete(id);
    await this.deps.onChange?.();
  }

  private async saveOver(campaign: Campaign, expectedVersion: number): Promise<Campaign> {
    if (!(await this.deps.store.save(campaign, expectedVersion))) {
      throw Errors.conflict('version', 'the campaign was changed by someone else meanwhile; reload it and apply your change again');
    }
    await this.deps.onChange?.();
    return campaign;
  }
}

function assertTransition(from: CampaignStatus, to: CampaignStatus): void {
  if (from !== to && !TRANSITIONS[from].includes(to)) {
    const allowed = TRANSITIONS[from];
    throw Errors.conflict('status', `a ${from} campaign cannot become ${to}${allowed.length ? `; it can become ${allowed.join(' or ')}` : ''}`);
  }
}

function withDefaults(input: CampaignInput, fixed: Pick<Campaign, 'id' | 'status' | 'version' | 'createdAt' | 'updatedAt'>): Campaign {
  const { version: _version, status: _status, ...definition } = input;
  return {
    ...definition,
    ...fixed,
    priority: input.priority ?? 0,
    holdoutPercent: input.holdoutPercent ?? 0,
    variants: input.variants.map((variant) => ({ ...variant, weight: variant.weight ?? 1 })),
  };
}
