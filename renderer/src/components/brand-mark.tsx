// The Portside mark: the app icon from assets/, shown beside the product name.
import iconUrl from '../../../assets/icon.svg';

export function BrandMark({ className = 'size-8' }: { className?: string }) {
  return <img src={iconUrl} alt="" className={className} draggable={false} />;
}
