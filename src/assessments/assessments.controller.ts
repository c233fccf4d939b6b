import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { uuidParam as uuid } from '../platform/http/uuid.pipe';
import { Actor } from '../identity/domain/actor';
import { CurrentActor, Roles } from '../identity/auth.guard';
import { AssessmentsService } from './assessments.service';
import { AssessmentDto } from './dto/assessment.dto';
import { DecisionDto } from './dto/decision.dto';
import { toAssessmentResponse, toDecisionResponse } from './dto/assessment.response';

// Controller DPOs only: processor staff add facts, they do not assess or decide (403).
@Controller('api/v1/incidents/:id')
@Roles('controller_dpo')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Put('assessment')
  async assess(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: AssessmentDto) {
    return toAssessmentResponse(await this.assessments.assess(actor, id, body));
  }

  // What an assessment with these inputs would give, stored nowhere (200): for forms that show the
  // score while it is being filled in.
  @Post('assessment/preview')
  @HttpCode(200)
  async preview(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: AssessmentDto) {
    const r = await this.assessments.preview(actor, id, body);
    return { score: r.score, band: r.band, flags: r.flags, riskFlags: r.riskFlags, recommendation: r.recommendation };
  }

  @Post('decision')
  @HttpCode(201)
  async decide(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: DecisionDto) {
    const decision = await this.assessments.decide(actor, id, body);
    const { assessments } = await this.assessments.history(actor, id);
    return { ...toDecisionResponse(decision, assessments.find((a) => a.id === decision.assessmentId)?.version), decidedBy: actor.email };
  }

  // Every assessment version and every decision, oldest first: the reasoning as it developed.
  @Get('assessments')
  async history(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    const { assessments, decisions } = await this.assessments.history(actor, id);
    return { assessments: assessments.map(toAssessmentResponse), decisions: decisions.map((d) => toDecisionResponse(d)) };
  }
}
