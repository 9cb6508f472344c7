'use client';
/**
 * Two panes side by side with a draggable (and keyboard-resizable) separator between them
 * (react-resizable-panels), or one above the other, full width, when the page is narrow.
 * Sizes are percentages of the pair; each pane scrolls on its own. Without a second pane the first
 * fills the space, and keeps its place in the tree (an editor in it is not re-created).
 */
import { type ReactNode, useEffect } from 'react';
import { Group, Panel, Separator, useGroupRef } from 'react-resizable-panels';

export function SplitPanes({
  id,
  wide,
  first,
  second,
  firstSize = 50,
  minSize = 20,
  label,
  className = '',
}: {
  /** Names the pair (ids of the panes). */
  id: string;
  /** Side by side (true) or stacked (false). */
  wide: boolean;
  first: ReactNode;
  second: ReactNode | null;
  /** The first pane's share, in percent: initially, and again whenever it changes (a new mode). */
  firstSize?: number;
  minSize?: number;
  /** What the separator resizes, for screen readers. */
  label: string;
  className?: string;
}) {
  const group = useGroupRef();
  const hasSecond = second !== null;
  useEffect(() => {
    // Only once the group holds both panes (a pane that has just appeared may not be registered yet;
    // it starts at its defaultSize anyway).
    const layout = wide && hasSecond ? group.current?.getLayout() : undefined;
    if (layout && `${id}-first` in layout && `${id}-second` in layout)
      group.current?.setLayout({ [`${id}-first`]: firstSize, [`${id}-second`]: 100 - firstSize });
  }, [group, id, wide, hasSecond, firstSize]);
  if (!wide)
    return (
      <div className={`flex min-w-0 flex-col gap-3 ${className}`} data-testid={`${id}-stacked`}>
        <div className="min-w-0">{first}</div>
        {second !== null && <div className="min-w-0">{second}</div>}
      </div>
    );
  return (
    <Group
      id={id}
      groupRef={group}
      orientation="horizontal"
      className={`min-h-0 ${className}`}
      data-testid={`${id}-split`}
    >
      <Panel id={`${id}-first`} defaultSize={`${firstSize}%`} minSize={`${minSize}%`} className="min-w-0">
        {first}
      </Panel>
      {second !== null && (
        <>
          <Separator
            id={`${id}-separator`}
            aria-label={label}
            className="group flex w-3 shrink-0 items-stretch justify-center outline-none"
          >
            <span className="my-2 w-1 rounded-full bg-zinc-300 transition-colors group-hover:bg-sky-400 group-focus-visible:bg-sky-500 dark:bg-zinc-700" />
          </Separator>
          <Panel
            id={`${id}-second`}
            defaultSize={`${100 - firstSize}%`}
            minSize={`${minSize}%`}
            className="min-w-0"
          >
            {second}
          </Panel>
        </>
      )}
    </Group>
  );
}
