/** The assessment pages behind the hash: #/indicators, #/set/<id>, #/round/<id>. */
import { IndicatorsPage } from './IndicatorsPage';
import { RoundPage } from './RoundPage';
import { SetEditor } from './SetEditor';
import './assessment.css';

/** True for the pages this area shows (the sidebar marks 考核指标 for all of them). */
export function isAssessmentPage(page: string): boolean {
  return page === 'indicators' || /^(set|round)\/\d+$/.test(page);
}

export function AssessmentRoute({ page }: { page: string }) {
  const [kind, id] = page.split('/');
  if (kind === 'set') return <SetEditor key={id} id={Number(id)} />;
  if (kind === 'round') return <RoundPage key={id} id={Number(id)} />;
  return <IndicatorsPage />;
}
