// lib/rbtree.cpp against std::multiset: random inserts and erases keep the
// red-black rules, the in-order sequence, a height within 2 log2(n + 1), and
// an augmented value (the largest key in each subtree) correct everywhere.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <vector>

#include <linux/rbtree.h>

namespace
{

struct item {
	struct rb_node rb;
	unsigned long key;
	unsigned long subtree_max; // the augmented value
};

item *of(rb_node *n) { return rb_entry_safe(n, item, rb); }

bool recompute_max(struct rb_node *n)
{
	item *it = of(n);
	unsigned long m = it->key;
	if (n->rb_left)
		m = std::max(m, of(n->rb_left)->subtree_max);
	if (n->rb_right)
		m = std::max(m, of(n->rb_right)->subtree_max);
	bool changed = m != it->subtree_max;
	it->subtree_max = m;
	return changed;
}
const rb_augment_callbacks max_callbacks = {recompute_max};

void insert(rb_root *root, item *it)
{
	rb_node **link = &root->rb_node, *parent = nullptr;
	while (*link) {
		parent = *link;
		link = it->key < of(parent)->key ? &parent->rb_left : &parent->rb_right;
	}
	it->subtree_max = it->key;
	rb_link_node(&it->rb, parent, link);
	rb_insert_color(&it->rb, root);
}

int height(const rb_node *n)
{
	return n ? 1 + std::max(height(n->rb_left), height(n->rb_right)) : 0;
}

bool augmented_ok(rb_node *n)
{
	if (!n)
		return true;
	item copy = *of(n);
	recompute_max(n);
	bool ok = copy.subtree_max == of(n)->subtree_max;
	return ok && augmented_ok(n->rb_left) && augmented_ok(n->rb_right);
}

class RbTree : public testing::TestWithParam<bool>
{
};

TEST_P(RbTree, random_inserts_and_erases_match_a_multiset)
{
	rb_root root = RB_ROOT;
	if (GetParam())
		root.augment = &max_callbacks;
	std::mt19937 rng(42);
	std::vector<item> pool(4000);
	std::vector<item *> in;
	std::multiset<unsigned long> model;
	for (size_t i = 0; i < pool.size(); i++)
		pool[i].key = rng() % 3000; // duplicates too
	size_t next = 0;
	for (int step = 0; step < 20000; step++) {
		if ((rng() % 3 != 0 || in.empty()) && next < pool.size()) {
			insert(&root, &pool[next]);
			in.push_back(&pool[next]);
			model.insert(pool[next++].key);
		} else if (!in.empty()) {
			size_t k = rng() % in.size();
			rb_erase(&in[k]->rb, &root);
			model.erase(model.find(in[k]->key));
			in[k] = in.back();
			in.pop_back();
		}
		if (step % 97 == 0 || step > 19900) {
			ASSERT_GT(rb_check(&root), 0) << step;
			std::vector<unsigned long> walk;
			for (rb_node *n = rb_first(&root); n; n = rb_next(n))
				walk.push_back(of(n)->key);
			ASSERT_TRUE(
			    std::equal(walk.begin(), walk.end(), model.begin(), model.end()));
			ASSERT_LE(height(root.rb_node), 2 * std::log2(model.size() + 1) + 1e-9);
			if (GetParam()) {
				ASSERT_TRUE(augmented_ok(root.rb_node)) << step;
			}
		}
	}
	std::vector<unsigned long> back;
	for (rb_node *n = rb_last(&root); n; n = rb_prev(n))
		back.push_back(of(n)->key);
	EXPECT_TRUE(std::equal(back.begin(), back.end(), model.rbegin(), model.rend()));
}

INSTANTIATE_TEST_SUITE_P(lib, RbTree, testing::Values(false, true),
			 [](const testing::TestParamInfo<bool> &i) {
				 return std::string(i.param ? "augmented" : "plain");
			 });

// Ascending inserts are the worst case for a plain binary tree.
TEST(RbTreeShape, sorted_inserts_stay_balanced)
{
	rb_root root = RB_ROOT;
	std::vector<item> items(1 << 14);
	for (size_t i = 0; i < items.size(); i++) {
		items[i].key = i;
		insert(&root, &items[i]);
	}
	EXPECT_GT(rb_check(&root), 0);
	EXPECT_LE(height(root.rb_node), 2 * 15);
	for (size_t i = 0; i < items.size(); i += 2)
		rb_erase(&items[i].rb, &root);
	EXPECT_GT(rb_check(&root), 0);
	EXPECT_EQ(of(rb_first(&root))->key, 1u);
}

} // namespace
