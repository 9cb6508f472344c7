'use client';
/**
 * The left half of the page (godbolt / Slang Playground style): the WGSL editor, always shown, and
 * tabs that choose what sits beside it — nothing (WGSL), the workload (preset parameters, the form
 * derived from the WGSL, the JSON) or the generated CUDA/C++, line-linked to the WGSL both ways.
 * Side by side in a resizable split on wide screens, one above the other on narrow ones.
 */
import type { ReactNode } from 'react';
import { SplitPanes } from './layout/SplitPanes';
import { TabList, type TabSpec, tabDomId, tabPanelDomId } from './layout/TabList';

export type EditorTab = 'wgsl' | 'workload' | 'generated';

const TABS: readonly TabSpec<EditorTab>[] = [
  { id: 'wgsl', label: 'WGSL' },
  { id: 'workload', label: 'Workload' },
  { id: 'generated', label: 'Generated CUDA/C++' },
];

export function EditorPane({
  tab,
  onTab,
  wide,
  editor,
  workload,
  generated,
}: {
  tab: EditorTab;
  onTab(tab: EditorTab): void;
  wide: boolean;
  editor: ReactNode;
  workload: ReactNode;
  generated: ReactNode;
}) {
  const beside = tab === 'workload' ? workload : tab === 'generated' ? generated : null;
  return (
    <div className="flex h-full min-w-0 flex-col gap-2">
      <TabList group="editor" tabs={TABS} selected={tab} onSelect={onTab} label="Editor views" />
      <div
        role="tabpanel"
        id={tabPanelDomId('editor')}
        aria-labelledby={tabDomId('editor', tab)}
        className="min-h-0 flex-1"
      >
        <SplitPanes
          id="editor-split"
          wide={wide}
          first={<div className="relative flex h-full min-w-0 flex-col">{editor}</div>}
          second={beside && <div className="relative h-full min-w-0 overflow-auto">{beside}</div>}
          firstSize={50}
          minSize={25}
          label="Resize the WGSL editor and the view beside it"
          className="h-full"
        />
      </div>
    </div>
  );
}
